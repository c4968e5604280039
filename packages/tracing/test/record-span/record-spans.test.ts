import { SpanKind, SpanStatusCode } from '@opentelemetry/api'
import { kafka, sqs } from '@tsumiki/batch'
import { lambda } from '@tsumiki/core'
import { createContext, events } from '@tsumiki/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { tracing } from '../../src/index.js'
import { type InMemoryTracing, parentIdOf, startInMemoryTracing } from '../support/in-memory-tracing.js'

let tracingOn: InMemoryTracing
beforeEach(() => {
  tracingOn = startInMemoryTracing()
})
afterEach(async () => {
  await tracingOn.stop()
})

const producerTraceId = '0af7651916cd43dd8448eb211c80319c'
const producerSpanId = 'b7ad6b7169203331'

describe('a span per SQS record', () => {
  it('is a child of the invocation span, linked to the producer context the record carries', async () => {
    const handler = lambda(sqs())
      .use(tracing())
      .handle(({ body }) => {
        if (body === 'bad') throw new Error('cannot ship')
      })
    const event = events.sqs([
      {
        messageId: 'm-xray',
        body: 'ok',
        attributes: {
          AWSTraceHeader: 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1',
        },
      },
      {
        messageId: 'm-w3c',
        body: 'ok',
        messageAttributes: {
          traceparent: { dataType: 'String', stringValue: `00-${producerTraceId}-${producerSpanId}-01` },
        },
      },
      { messageId: 'm-bad', body: 'bad' },
    ])
    const response = await handler(event, createContext({ functionName: 'shipper' }))
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'm-bad' }] })
    const spans = tracingOn.spans()
    const invocation = spans.find((span) => span.name === 'shipper')
    expect(invocation?.kind).toBe(SpanKind.CONSUMER)
    expect(invocation?.attributes['faas.trigger']).toBe('pubsub')
    const records = spans.filter((span) => span.name === 'process my-queue')
    expect(records).toHaveLength(3)
    const byId = new Map(records.map((span) => [span.attributes['messaging.message.id'], span]))
    for (const record of records) {
      expect(record.kind).toBe(SpanKind.CONSUMER)
      expect(parentIdOf(record)).toBe(invocation?.spanContext().spanId)
      expect(record.spanContext().traceId).toBe(invocation?.spanContext().traceId)
      expect(record.attributes).toMatchObject({
        'messaging.system': 'aws_sqs',
        'messaging.operation.type': 'process',
        'messaging.destination.name': 'my-queue',
      })
    }
    expect(byId.get('m-xray')?.links.map((link) => link.context)).toEqual([
      expect.objectContaining({
        traceId: '5759e988bd862e3fe1be46a994272793',
        spanId: '53995c3f42cd8ad8',
        traceFlags: 1,
      }),
    ])
    expect(byId.get('m-w3c')?.links.map((link) => link.context)).toEqual([
      expect.objectContaining({ traceId: producerTraceId, spanId: producerSpanId }),
    ])
    expect(byId.get('m-bad')?.links).toEqual([])
    expect(byId.get('m-bad')?.status.code).toBe(SpanStatusCode.ERROR)
    expect(byId.get('m-xray')?.status.code).toBe(SpanStatusCode.UNSET)
  })

  it('leaves records unspanned when recordSpans is false', async () => {
    const handler = lambda(sqs())
      .use(tracing({ recordSpans: false }))
      .handle(() => undefined)
    await handler(events.sqs([{}, {}]), createContext({ functionName: 'shipper' }))
    expect(tracingOn.spans().map((span) => span.name)).toEqual(['shipper'])
  })
})

describe('a span per Kafka record', () => {
  it('is named by its topic and linked to the traceparent header its producer wrote', async () => {
    const handler = lambda(kafka())
      .use(tracing())
      .handle(() => {})
    const event = events.kafka([
      { topic: 'payments', headers: { traceparent: `00-${producerTraceId}-${producerSpanId}-01` } },
      { topic: 'payments', headers: { traceparent: 'not one' } },
    ])
    expect(await handler(event, createContext({ functionName: 'payments' }))).toEqual({
      batchItemFailures: [],
    })
    const records = tracingOn.spans().filter((span) => span.name === 'process payments')
    expect(records).toHaveLength(2)
    expect(records.map((span) => span.attributes['messaging.system'])).toEqual(['kafka', 'kafka'])
    expect(records.map((span) => span.links.map((link) => link.context))).toEqual([
      [expect.objectContaining({ traceId: producerTraceId, spanId: producerSpanId })],
      [],
    ])
  })
})
