import type { ScheduledEvent } from 'aws-lambda'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { lambda, type ScheduleRequest, schedule } from '../../../src/index.js'
import { context, scheduledEvent } from '../../support/index.js'

afterEach(() => {
  vi.useRealTimers()
})

describe('schedule()', () => {
  it('gives an EventBridge rule run its scheduled time and rule ARN', async () => {
    let seen: ScheduleRequest | undefined
    const event = scheduledEvent({
      time: '2024-05-01T02:00:00Z',
      rule: 'nightly-report',
      id: 'run-2024-05-01',
    })
    await lambda(schedule()).handle((request) => {
      seen = request
    })(event, context())

    expect(seen).toMatchObject({
      kind: 'schedule',
      scheduledAtMs: Date.parse('2024-05-01T02:00:00Z'),
      scheduleArn: 'arn:aws:events:us-east-2:123456789012:rule/nightly-report',
      correlationId: 'run-2024-05-01',
    })
    expect(seen?.payload).toBe(event)
    expect(seen?.event).toBe(event)
  })

  it('gives an EventBridge Scheduler target its custom input, scheduled now', async () => {
    vi.useFakeTimers({ now: new Date('2024-05-01T03:15:00Z') })
    interface ReportJob {
      readonly job: string
      readonly tenant: string
    }
    let seen: ScheduleRequest<ReportJob> | undefined
    const input: ReportJob = { job: 'monthly-invoices', tenant: 'acme' }
    await lambda(schedule<ReportJob>()).handle((request) => {
      seen = request
    })(input, context())

    expect(seen?.payload).toEqual({ job: 'monthly-invoices', tenant: 'acme' })
    expect(seen?.scheduledAtMs).toBe(Date.parse('2024-05-01T03:15:00Z'))
    expect(seen?.scheduleArn).toBeUndefined()
    expect(seen?.correlationId).toBeUndefined()
  })

  it('accepts any input a schedule may carry, even a bare string', async () => {
    let input: unknown
    await lambda(schedule<string>()).handle((request) => {
      input = request.payload
    })('rotate-keys', context())
    expect(input).toBe('rotate-keys')
  })

  it('resolves to nothing: a scheduled run has no caller to answer', async () => {
    const handler = lambda(schedule()).handle(() => ({ rowsExported: 1200 }))
    await expect(handler(scheduledEvent() as ScheduledEvent, context())).resolves.toBeUndefined()
  })

  it('fails the invocation when the handler throws, so Lambda retries the run', async () => {
    const handler = lambda(schedule()).handle(async () => {
      throw new Error('export bucket unreachable')
    })
    await expect(handler(scheduledEvent(), context())).rejects.toThrow('export bucket unreachable')
  })
})
