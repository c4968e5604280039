import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs'
import { SpanKind, SpanStatusCode } from '@opentelemetry/api'
import { permanent, sqs, sqsDeadLetter } from '@tsumiki/batch'
import { lambda } from '@tsumiki/core'
import { createContext, events, type LocalAws, startLocalAws } from '@tsumiki/testing'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { traceAwsClient, tracing } from '../../src/index.js'
import { type InMemoryTracing, parentIdOf, startInMemoryTracing } from '../support/in-memory-tracing.js'

let aws: LocalAws
let tracingOn: InMemoryTracing
beforeAll(async () => {
  aws = await startLocalAws({ queues: ['orders', 'poison'] })
})
afterAll(async () => {
  await aws.stop()
})
beforeEach(() => {
  tracingOn = startInMemoryTracing()
  aws.clearFaults()
})
afterEach(async () => {
  await tracingOn.stop()
  vi.unstubAllEnvs()
})

const localClient = () =>
  new SQSClient({ endpoint: aws.endpoint, region: aws.region, credentials: aws.credentials, maxAttempts: 1 })

describe('traceAwsClient()', () => {
  it('makes each call a CLIENT span, a child of the span active when it is made', async () => {
    const client = traceAwsClient(localClient())
    const handler = lambda(sqs())
      .use(tracing())
      .handle(async ({ body }) => {
        await client.send(new SendMessageCommand({ QueueUrl: aws.queue('orders').url, MessageBody: body }))
      })
    await handler(events.sqs([{ messageId: 'm-1', body: 'ship' }]), createContext())
    const record = tracingOn.spans().find((span) => span.attributes['messaging.message.id'] === 'm-1')
    const call = tracingOn.spans().find((span) => span.name === 'SQS.SendMessage')
    expect(call?.kind).toBe(SpanKind.CLIENT)
    expect(parentIdOf(call as never)).toBe(record?.spanContext().spanId)
    expect(call?.attributes).toMatchObject({
      'rpc.system': 'aws-api',
      'rpc.service': 'SQS',
      'rpc.method': 'SendMessage',
      'http.response.status_code': 200,
    })
    expect(call?.attributes['aws.request_id']).toEqual(expect.any(String))
    client.destroy()
  })

  it('records a failed call with its error, and adds its step once however often it is called', async () => {
    const client = traceAwsClient(traceAwsClient(localClient()))
    const handler = lambda(sqs())
      .use(tracing())
      .handle(async () => {
        await client.send(
          new SendMessageCommand({ QueueUrl: `${aws.endpoint}/123456789012/missing`, MessageBody: 'x' }),
        )
      })
    await expect(handler(events.sqs([{ messageId: 'm-2' }]), createContext())).rejects.toThrow(/m-2/)
    const calls = tracingOn.spans().filter((span) => span.name === 'SQS.SendMessage')
    expect(calls).toHaveLength(1)
    expect(calls[0]?.status.code).toBe(SpanStatusCode.ERROR)
    expect(calls[0]?.events.map((event) => event.name)).toContain('exception')
    client.destroy()
  })
})

describe("the clients tsumiki's packages make", () => {
  it('are traced when tracing() is in a chain: the dead-letter client parks with a span', async () => {
    vi.stubEnv('AWS_ENDPOINT_URL_SQS', aws.endpoint)
    vi.stubEnv('AWS_REGION', aws.region)
    vi.stubEnv('AWS_ACCESS_KEY_ID', aws.credentials.accessKeyId)
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', aws.credentials.secretAccessKey)
    const handler = lambda(sqs({ deadLetter: sqsDeadLetter({ queueUrl: aws.queue('poison').url }) }))
      .use(tracing())
      .handle(() => {
        throw permanent(new Error('not an order'))
      })
    expect(await handler(events.sqs([{ messageId: 'm-3' }]), createContext())).toEqual({
      batchItemFailures: [],
    })
    const parking = tracingOn.spans().find((span) => span.name === 'SQS.SendMessageBatch')
    expect(parking?.kind).toBe(SpanKind.CLIENT)
    expect(parking?.attributes['http.response.status_code']).toBe(200)
  })
})
