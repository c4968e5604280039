import { trace } from '@opentelemetry/api'
import { sqs } from '@tsumiki/batch'
import { lambda } from '@tsumiki/core'
import { logger } from '@tsumiki/logger'
import { captureLogs, createContext, events } from '@tsumiki/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { seededRandom } from '../../../../test/support/seeded-random.js'
import { tracing } from '../../src/index.js'
import { type InMemoryTracing, parentIdOf, startInMemoryTracing } from '../support/in-memory-tracing.js'

let tracingOn: InMemoryTracing
beforeEach(() => {
  tracingOn = startInMemoryTracing()
})
afterEach(async () => {
  await tracingOn.stop()
})

const hex = (n: number, length: number) => n.toString(16).padStart(length, '0')
const xRayHeaderOf = (n: number) =>
  `Root=1-${hex(n + 1, 8)}-${hex(n + 1, 24)};Parent=${hex(n + 1, 16)};Sampled=1`
const traceIdOf = (n: number) => `${hex(n + 1, 8)}${hex(n + 1, 24)}`

/*
 * Lambda Managed Instances run many invocations in one process at once. Each here has its own X-Ray trace; they
 * overlap in a seeded random order, each record awaiting a random number of turns. Every span, child span and log
 * line must belong to its own invocation and record.
 */
describe('overlapping invocations', () => {
  it('never share a span: spans, child spans and log lines stay with their invocation and record', async () => {
    const random = seededRandom(22)
    const turns = new Map<string, number>()
    const handler = lambda(sqs())
      .use(logger({ service: 'shipper' }))
      .use(tracing())
      .handle(async ({ body, log }) => {
        for (let turn = 0; turn < (turns.get(body) ?? 0); turn++) await Promise.resolve()
        await trace.getTracer('app').startActiveSpan(`ship ${body}`, async (span) => {
          await new Promise((resolve) => setImmediate(resolve))
          log.info('shipping', { shipment: body })
          span.end()
        })
      })
    const logs = captureLogs()
    const count = 40
    try {
      await Promise.all(
        Array.from({ length: count }, (_, n) => {
          const records = [0, 1, 2].map((r) => {
            const body = `i${n}-r${r}`
            turns.set(body, Math.floor(random() * 20))
            return { messageId: body, body }
          })
          const context = Object.assign(createContext({ awsRequestId: `inv-${n}` }), {
            xRayTraceId: xRayHeaderOf(n),
          })
          return handler(events.sqs(records), context)
        }),
      )
    } finally {
      logs.stop()
    }
    const spans = tracingOn.spans()
    expect(spans).toHaveLength(count * 7)
    const byId = new Map(spans.map((span) => [span.spanContext().spanId, span]))
    for (let n = 0; n < count; n++) {
      const invocation = spans.find((span) => span.attributes['faas.invocation_id'] === `inv-${n}`)
      expect(invocation?.spanContext().traceId).toBe(traceIdOf(n))
      expect(parentIdOf(invocation as never)).toBe(hex(n + 1, 16))
      for (let r = 0; r < 3; r++) {
        const body = `i${n}-r${r}`
        const record = spans.find((span) => span.attributes['messaging.message.id'] === body)
        const child = spans.find((span) => span.name === `ship ${body}`)
        expect(parentIdOf(record as never)).toBe(invocation?.spanContext().spanId)
        expect(parentIdOf(child as never)).toBe(record?.spanContext().spanId)
        expect(child?.spanContext().traceId).toBe(traceIdOf(n))
        const line = logs.lines.find((logged) => logged.shipment === body)
        expect(line?.trace_id).toBe(traceIdOf(n))
        expect(line?.span_id).toBe(child?.spanContext().spanId)
        expect(byId.get(line?.span_id as string)).toBe(child)
      }
    }
  })
})

describe('log correlation', () => {
  it('puts the record span on lines written outside a child span, and nothing without tracing()', async () => {
    const traced = lambda(sqs())
      .use(logger({ service: 'shipper' }))
      .use(tracing())
      .handle(({ log }) => log.info('handled'))
    const untraced = lambda(sqs())
      .use(logger({ service: 'shipper' }))
      .handle(({ log }) => log.info('handled'))
    const logs = captureLogs()
    try {
      await traced(events.sqs([{ messageId: 'a' }]), createContext())
      await untraced(events.sqs([{ messageId: 'b' }]), createContext())
    } finally {
      logs.stop()
    }
    const record = tracingOn.spans().find((span) => span.attributes['messaging.message.id'] === 'a')
    const [tracedLine, untracedLine] = logs.lines.filter((line) => line.message === 'handled')
    expect(tracedLine).toMatchObject({
      record_id: 'a',
      trace_id: record?.spanContext().traceId,
      span_id: record?.spanContext().spanId,
    })
    expect(untracedLine?.record_id).toBe('b')
    expect(untracedLine).not.toHaveProperty('trace_id')
    expect(untracedLine).not.toHaveProperty('span_id')
  })
})
