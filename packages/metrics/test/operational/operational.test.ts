import { SQSClient } from '@aws-sdk/client-sqs'
import { permanent, sqs, sqsDeadLetter } from '@tsumiki/batch'
import { HttpError, http, lambda, raw } from '@tsumiki/core'
import { idempotent, memoryStore } from '@tsumiki/idempotency'
import { parameters, ssm } from '@tsumiki/parameters'
import { createContext, events, type LocalAws, startLocalAws } from '@tsumiki/testing'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { isInvalidMetricError, metrics } from '../../src/index.js'
import { captureEmf, type EmfCapture, valuesOf } from '../support/capture-emf.js'

/*
 * The toolkit's own metrics (`operational`): counted from the signals the packages emit while the invocation runs,
 * written in the invocation's line under the default dimensions, every metric of a group that saw anything, zeros
 * included. Against real parts: SQS and SSM through the real SDK clients on the local endpoint.
 */

let aws: LocalAws
let sqsClient: SQSClient
let capture: EmfCapture

beforeAll(async () => {
  aws = await startLocalAws({ queues: ['parked'], parameters: { '/shop/table': 'orders-v1' } })
  sqsClient = new SQSClient({
    endpoint: aws.endpoint,
    region: aws.region,
    credentials: aws.credentials,
    maxAttempts: 1,
  })
})
afterAll(async () => {
  sqsClient.destroy()
  await aws.stop()
})
beforeEach(() => {
  capture = captureEmf()
})
afterEach(() => {
  capture.stop()
  vi.useRealTimers()
})

const only = (names: readonly string[]) => (document: Record<string, unknown>) =>
  Object.fromEntries(names.map((name) => [name, document[name]]))

describe('operational metrics', () => {
  it('count the records of a batch: succeeded, failed, parked and not run', async () => {
    const handler = lambda(
      sqs({
        fifo: true,
        deadLetter: sqsDeadLetter({ queueUrl: aws.queue('parked').url, client: sqsClient }),
      }),
    )
      .use(metrics({ namespace: 'Shipping', service: 'shipments', operational: ['batch'] }))
      .handle(({ body }) => {
        if (body === 'poison') throw permanent(new Error('unknown product'))
        if (body === 'down') throw new Error('carrier down')
      })
    const event = events.sqs(
      ['ok', 'poison', 'ok', 'down', 'ok'].map((body) => ({ body, attributes: { MessageGroupId: 'g' } })),
      { fifo: true },
    )
    const response = await handler(event, createContext())
    expect(response.batchItemFailures).toHaveLength(2)
    const [document] = capture.documents
    expect(
      only(['RecordsSucceeded', 'RecordsFailed', 'RecordsParked', 'RecordsNotRun'])(document ?? {}),
    ).toEqual({
      RecordsSucceeded: 2,
      RecordsFailed: 1,
      RecordsParked: 1,
      RecordsNotRun: 1,
    })
  })

  it('count what idempotency made of each call', async () => {
    const store = memoryStore()
    const handler = lambda(http())
      .use(metrics({ namespace: 'Shop', service: 'orders', operational: ['idempotency'] }))
      .use(idempotent({ store, expiresAfterMs: 60_000, localCache: true }))
      .handle(() => ({ placed: true }))
    const order = (key: string, qty: number) =>
      events.http('apiGatewayV2', {
        method: 'POST',
        path: '/orders',
        headers: { 'idempotency-key': key },
        body: { qty },
      })
    await handler(order('k-1', 1), createContext())
    await handler(order('k-1', 1), createContext())
    await handler(order('k-1', 2), createContext())
    const names = [
      'IdempotencyFirstSight',
      'IdempotencyDuplicates',
      'IdempotencyInProgress',
      'IdempotencyLocalCacheHits',
      'IdempotencyPayloadMismatches',
    ]
    expect(capture.documents.map(only(names))).toEqual([
      {
        IdempotencyFirstSight: 1,
        IdempotencyDuplicates: 0,
        IdempotencyInProgress: 0,
        IdempotencyLocalCacheHits: 0,
        IdempotencyPayloadMismatches: 0,
      },
      {
        IdempotencyFirstSight: 0,
        IdempotencyDuplicates: 0,
        IdempotencyInProgress: 0,
        IdempotencyLocalCacheHits: 1,
        IdempotencyPayloadMismatches: 0,
      },
      {
        IdempotencyFirstSight: 0,
        IdempotencyDuplicates: 0,
        IdempotencyInProgress: 0,
        IdempotencyLocalCacheHits: 0,
        IdempotencyPayloadMismatches: 1,
      },
    ])
  })

  it('count parameter fetches in the invocation that follows them, and stale serves where they happen', async () => {
    let nowMs = Date.UTC(2026, 0, 1)
    const handler = lambda(raw())
      .use(metrics({ namespace: 'Shop', service: 'orders', operational: ['parameters'] }))
      .use(
        parameters(
          { table: ssm('/shop/table') },
          {
            clientConfig: {
              endpoint: aws.endpoint,
              region: aws.region,
              credentials: aws.credentials,
              maxAttempts: 1,
            },
            now: () => nowMs,
            maxAgeMs: 1_000,
          },
        ),
      )
      .handle(({ params }) => params.table)
    await handler({}, createContext())
    await handler({}, createContext())
    nowMs += 1_500
    await handler({}, createContext())
    const names = ['ParameterFetches', 'ParameterStaleServes', 'ParameterFetchErrors']
    expect(capture.documents.map(only(names))).toEqual([
      { ParameterFetches: 1, ParameterStaleServes: 0, ParameterFetchErrors: 0 },
      { ParameterStaleServes: 1, ParameterFetches: 0, ParameterFetchErrors: 0 },
    ])
  })

  it('count HTTP answers by status class', async () => {
    const handler = lambda(http())
      .use(metrics({ namespace: 'Shop', service: 'orders', operational: ['http'] }))
      .handle(({ path }) => {
        if (path === '/missing') throw new HttpError(404, 'No such order')
        if (path === '/broken') throw new Error('boom')
        return { ok: true }
      })
    for (const path of ['/ok', '/missing', '/broken']) {
      await handler(events.http('apiGatewayV2', { path }), createContext())
    }
    expect(capture.documents.map(only(['Http1xx', 'Http2xx', 'Http3xx', 'Http4xx', 'Http5xx']))).toEqual([
      { Http1xx: 0, Http2xx: 1, Http3xx: 0, Http4xx: 0, Http5xx: 0 },
      { Http1xx: 0, Http2xx: 0, Http3xx: 0, Http4xx: 1, Http5xx: 0 },
      { Http1xx: 0, Http2xx: 0, Http3xx: 0, Http4xx: 0, Http5xx: 1 },
    ])
  })

  it('count a deadline cut-off, in the line the cut invocation still writes', async () => {
    vi.useFakeTimers()
    const handler = lambda(http(), { deadlineMarginMs: 100 })
      .use(metrics({ namespace: 'Shop', service: 'orders', operational: true }))
      .handle(() => new Promise(() => {}))
    const running = handler(events.http('apiGatewayV2', {}), createContext({ remainingMs: 1_000 }))
    await vi.advanceTimersByTimeAsync(1_000)
    expect((await running).statusCode).toBe(504)
    expect(valuesOf(capture.documents, 'DeadlineCutoffs')).toEqual([1])
    expect(valuesOf(capture.documents, 'Http5xx')).toEqual([1])
  })

  it('write nothing of a group that is not asked for, and reserve the names of those that are', async () => {
    const handler = lambda(http())
      .use(metrics({ namespace: 'Shop', service: 'orders', operational: ['batch'] }))
      .handle(({ metrics }) => {
        metrics.addMetric('Http2xx', 'Count', 5)
        try {
          metrics.addMetric('RecordsFailed', 'Milliseconds', 5)
        } catch (error) {
          expect(isInvalidMetricError(error)).toBe(true)
        }
        return { ok: true }
      })
    await handler(events.http('apiGatewayV2', {}), createContext())
    expect(valuesOf(capture.documents, 'Http2xx')).toEqual([5])
    expect(valuesOf(capture.documents, 'RecordsFailed')).toEqual([])
  })
})
