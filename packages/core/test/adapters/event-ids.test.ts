import { describe, expect, it } from 'vitest'
import { eventBridge, type InvocationRequest, lambda, s3, schedule, sns } from '../../src/index.js'
import {
  context,
  eventBridgeEvent,
  s3Event,
  s3Record,
  scheduledEvent,
  snsEvent,
  snsRecord,
} from '../support/index.js'

function idsOf(request: InvocationRequest): { eventId: unknown; recordId: unknown } {
  return { eventId: request.eventId, recordId: request.recordId }
}

describe("every request carries the event's own id", () => {
  it('s3: bucket/key/sequencer, the key decoded; bucket/key as the record id', async () => {
    const seen: unknown[] = []
    const handler = lambda(s3()).handle((request) => {
      seen.push(idsOf(request))
    })
    await handler(s3Event(s3Record({ bucket: 'invoices', key: 'q1/a b.pdf' })), context())
    expect(seen).toEqual([
      { eventId: 'invoices/q1/a b.pdf/0A1B2C3D4E5F678901', recordId: 'invoices/q1/a b.pdf' },
    ])
  })

  it('s3: an empty sequencer when the record has none, so two writes of a key still differ from other keys', async () => {
    const record = s3Record({ bucket: 'b', key: 'k' })
    const { sequencer: _sequencer, ...object } = record.s3.object
    const seen: unknown[] = []
    const handler = lambda(s3()).handle((request) => {
      seen.push(request.eventId)
    })
    await handler(s3Event({ ...record, s3: { ...record.s3, object: object as never } }), context())
    expect(seen).toEqual(['b/k/'])
  })

  it('s3: no correlation id when the record has no response elements', async () => {
    const { responseElements: _elements, ...record } = s3Record()
    let correlationId: unknown = 'unset'
    const handler = lambda(s3()).handle((request) => {
      correlationId = request.correlationId
    })
    await handler(s3Event(record as never), context())
    expect(correlationId).toBeUndefined()
  })

  it('sns: the message id, as both event and record id', async () => {
    const record = snsRecord({ message: 'hi' })
    const seen: unknown[] = []
    const handler = lambda(sns()).handle((request) => {
      seen.push(idsOf(request))
    })
    await handler(snsEvent(record), context())
    expect(seen).toEqual([{ eventId: record.Sns.MessageId, recordId: record.Sns.MessageId }])
  })

  it('eventbridge: the event id, with no record id', async () => {
    const seen: unknown[] = []
    const handler = lambda(eventBridge()).handle((request) => {
      seen.push(idsOf(request))
    })
    await handler(eventBridgeEvent('Order Placed', {}, { id: 'ev-1' }), context())
    expect(seen).toEqual([{ eventId: 'ev-1', recordId: undefined }])
  })

  it('schedule: the event id when there is one, also as correlation id; none for a custom input', async () => {
    const seen: unknown[] = []
    const handler = lambda(schedule<unknown>()).handle((request) => {
      seen.push({ ...idsOf(request), correlationId: request.correlationId })
    })
    await handler(scheduledEvent({ id: 'run-1' }), context())
    await handler({ id: 42, report: 'daily' }, context())
    await handler(null, context())
    expect(seen).toEqual([
      { eventId: 'run-1', recordId: undefined, correlationId: 'run-1' },
      { eventId: undefined, recordId: undefined, correlationId: undefined },
      { eventId: undefined, recordId: undefined, correlationId: undefined },
    ])
  })

  it('schedule: no ARN when resources is not a list or its first entry is not a string', async () => {
    const seen: unknown[] = []
    const handler = lambda(schedule<unknown>()).handle((request) => {
      seen.push(request.scheduleArn)
    })
    await handler({ resources: 'arn:aws:events:rule/x' }, context())
    await handler({ resources: [7] }, context())
    await handler({ resources: [] }, context())
    expect(seen).toEqual([undefined, undefined, undefined])
  })

  it('schedule: the start of the invocation when the time cannot be read', async () => {
    const seen: number[] = []
    const handler = lambda(schedule<unknown>()).handle((request) => {
      seen.push(request.scheduledAtMs)
    })
    const before = Date.now()
    await handler({ time: 'not a date' }, context())
    await handler({ time: 1_700_000_000_000 }, context())
    const after = Date.now()
    for (const scheduledAtMs of seen) {
      expect(scheduledAtMs).toBeGreaterThanOrEqual(before)
      expect(scheduledAtMs).toBeLessThanOrEqual(after)
    }
    expect(seen).toHaveLength(2)
  })
})
