import { dynamodbStreams, kinesis, sqs } from '@tsumiki/batch'
import { apiGatewayV2, eventBridge, lambda, reply, s3, schedule, sns } from '@tsumiki/core'
import { events, invoke } from '@tsumiki/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { idempotent, memoryStore } from '../../src/index.js'
import { counting, deferred, storeKinds } from '../support/stores.js'

const expiresAfterMs = 60_000

describe.each(storeKinds)('idempotent() on the $name store', (kind) => {
  beforeAll(() => kind.start())
  afterAll(() => kind.stop())

  describe('HTTP', () => {
    async function orderApi() {
      const store = await kind.create()
      const created: unknown[] = []
      const handler = lambda(apiGatewayV2())
        .use(idempotent({ store, expiresAfterMs }))
        .handle(({ body }) => {
          created.push(JSON.parse(body ?? ''))
          return reply({
            status: 201,
            headers: { location: `/orders/${created.length}`, 'content-type': 'application/json' },
            cookies: ['seen=1; HttpOnly'],
            body: { orderNumber: created.length },
          })
        })
      return { handler, created }
    }

    const post = (key: string | undefined, body: object) =>
      events.http('apiGatewayV2', {
        method: 'POST',
        path: '/orders',
        headers: key === undefined ? {} : { 'Idempotency-Key': key },
        body,
      })

    it('replays the same response to a retried request: status, headers, cookies and body', async () => {
      const { handler, created } = await orderApi()
      const first = await invoke(handler, post('k-1', { sku: 'tea' }))
      const second = await invoke(handler, post('k-1', { sku: 'tea' }))
      expect(first.statusCode).toBe(201)
      expect(first.cookies).toEqual(['seen=1; HttpOnly'])
      expect(second).toEqual(first)
      expect(created).toEqual([{ sku: 'tea' }])
    })

    it('answers 400 naming the header when Idempotency-Key is missing, and runs nothing', async () => {
      const { handler, created } = await orderApi()
      const response = await invoke(handler, post(undefined, { sku: 'tea' }))
      expect(response.statusCode).toBe(400)
      expect(JSON.parse(response.body ?? '')).toEqual({
        error: {
          type: 'idempotency_key_missing',
          message: 'Missing Idempotency-Key header',
          details: { header: 'Idempotency-Key' },
        },
      })
      expect(created).toEqual([])
    })

    it('answers 422 to the same key with another body', async () => {
      const { handler } = await orderApi()
      await invoke(handler, post('k-2', { sku: 'tea' }))
      const response = await invoke(handler, post('k-2', { sku: 'coffee' }))
      expect(response.statusCode).toBe(422)
      expect(JSON.parse(response.body ?? '').error.type).toBe('idempotency_payload_mismatch')
    })

    it('answers 409 with Retry-After while the first request runs', async () => {
      const store = counting(await kind.create())
      const gate = deferred()
      const handler = lambda(apiGatewayV2())
        .use(idempotent({ store, expiresAfterMs }))
        .handle(async () => {
          await gate.promise
          return { ok: true }
        })
      const first = invoke(handler, post('k-3', {}), { remainingMs: 30_000 })
      await expect.poll(() => store.requests.claim).toBe(1)
      const second = await invoke(handler, post('k-3', {}))
      expect(second.statusCode).toBe(409)
      expect(Number(second.headers?.['retry-after'])).toBeGreaterThan(0)
      expect(Number(second.headers?.['retry-after'])).toBeLessThanOrEqual(30)
      gate.resolve()
      expect((await first).statusCode).toBe(200)
    })
  })

  describe('SQS batch', () => {
    it('skips a duplicate record with its stored outcome, runs the others, and reports only failures', async () => {
      const store = await kind.create()
      const runs: string[] = []
      const handler = lambda(sqs())
        .use(idempotent({ store, expiresAfterMs }))
        .handle(({ body }) => {
          runs.push(body)
          if (body === 'bad') throw new Error('cannot process bad')
        })
      const first = events.sqs([{ body: 'a' }])
      expect(await invoke(handler, first)).toEqual({ batchItemFailures: [] })
      const [delivered] = first.Records
      const batch = events.sqs([{ body: 'b' }, { body: 'bad' }, { body: 'c' }])
      batch.Records.splice(1, 0, structuredClone(delivered) as (typeof batch.Records)[number])
      const response = await invoke(handler, batch)
      expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: batch.Records[2]?.messageId }] })
      expect(runs.sort()).toEqual(['a', 'b', 'bad', 'c'])
    })

    it('fails a record whose key is in progress elsewhere, so the queue redelivers it', async () => {
      const store = counting(await kind.create())
      const gate = deferred()
      const handler = lambda(sqs())
        .use(idempotent({ store, expiresAfterMs }))
        .handle(async ({ body }) => {
          if (body === 'slow') await gate.promise
        })
      const slow = events.sqs([{ body: 'slow' }])
      const running = invoke(handler, slow, { remainingMs: 30_000 })
      await expect.poll(() => store.requests.claim).toBe(1)
      const redelivered = events.sqs([{ body: 'quick' }])
      redelivered.Records.push(structuredClone(slow.Records[0]) as (typeof redelivered.Records)[number])
      const response = await invoke(handler, redelivered)
      expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: slow.Records[0]?.messageId }] })
      gate.resolve()
      expect(await running).toEqual({ batchItemFailures: [] })
    })
  })
})

describe('idempotent() keys on other sources', () => {
  it('uses the SNS message id, the S3 sequencer and the EventBridge id', async () => {
    const store = memoryStore()
    const runs: string[] = []
    const onSns = lambda(sns())
      .use(idempotent({ store, expiresAfterMs }))
      .handle(({ messageId }) => {
        runs.push(`sns ${messageId}`)
      })
    const onS3 = lambda(s3())
      .use(idempotent({ store, expiresAfterMs }))
      .handle(({ key }) => {
        runs.push(`s3 ${key}`)
      })
    const onEvents = lambda(eventBridge())
      .use(idempotent({ store, expiresAfterMs }))
      .handle(({ id }) => {
        runs.push(`eventbridge ${id}`)
        return id
      })
    const snsEvent = events.sns()
    const s3Event = events.s3()
    const bridgeEvent = events.eventBridge()
    for (let delivery = 0; delivery < 2; delivery++) {
      await invoke(onSns, snsEvent)
      await invoke(onS3, s3Event)
      expect(await invoke(onEvents, bridgeEvent)).toBe(bridgeEvent.id)
    }
    expect(runs).toHaveLength(3)
    expect(store.records().map((record) => record.status)).toEqual(['COMPLETED', 'COMPLETED', 'COMPLETED'])
  })

  it('uses the Kinesis and DynamoDB Streams eventID per record, and the schedule event id', async () => {
    const store = memoryStore()
    const runs: string[] = []
    const onKinesis = lambda(kinesis())
      .use(idempotent({ store, expiresAfterMs }))
      .handle(({ recordId }) => {
        runs.push(`kinesis ${recordId}`)
      })
    const onStream = lambda(dynamodbStreams())
      .use(idempotent({ store, expiresAfterMs }))
      .handle(({ recordId }) => {
        runs.push(`stream ${recordId}`)
      })
    const onSchedule = lambda(schedule())
      .use(idempotent({ store, expiresAfterMs }))
      .handle(() => {
        runs.push('schedule')
      })
    const kinesisEvent = events.kinesis([{}, {}])
    const streamEvent = events.dynamodbStream([{}, {}])
    const scheduleEvent = events.schedule()
    for (let delivery = 0; delivery < 2; delivery++) {
      expect(await invoke(onKinesis, kinesisEvent)).toEqual({ batchItemFailures: [] })
      expect(await invoke(onStream, streamEvent)).toEqual({ batchItemFailures: [] })
      await invoke(onSchedule, scheduleEvent)
    }
    expect(runs).toHaveLength(5)
    expect(new Set(store.records().map((record) => record.id)).size).toBe(5)
  })

  it('refuses an empty key from key(), never sharing a record', async () => {
    const handler = lambda(sqs())
      .use(idempotent({ store: memoryStore(), expiresAfterMs, key: ({ attributes }) => attributes.orderId }))
      .handle(() => {})
    const response = await invoke(handler, events.sqs([{ body: 'x' }, { body: 'y' }]), {})
      .then((answer) => answer)
      .catch((error: unknown) => error)
    expect(response).toMatchObject({ name: 'RecordsFailedError', code: 'RECORDS_FAILED' })
  })
})
