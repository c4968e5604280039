import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'
import {
  captureLogs,
  events,
  invokeStream,
  type LocalDynamo,
  type LogCapture,
  startLocalDynamo,
} from '@tsumiki/testing'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { prepareLocalEnvironment } from '../local/local-environment.js'
import { ORDERS_PER_PAGE } from '../src/orders-table.js'

// The real handler module with the real DynamoDB client, pointed at dynalite through AWS_ENDPOINT_URL_DYNAMODB.
let dynamo: LocalDynamo
let documents: DynamoDBDocumentClient
let env: Record<string, string>
let logs: LogCapture

beforeAll(async () => {
  dynamo = await startLocalDynamo()
  documents = DynamoDBDocumentClient.from(dynamo.client())
}, 30_000)
afterAll(() => dynamo.stop())

beforeEach(async () => {
  env = await prepareLocalEnvironment({ dynamo })
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value)
  vi.resetModules()
  logs = captureLogs()
})
afterEach(() => {
  logs.stop()
  vi.unstubAllEnvs()
})

const loadHandler = async () => (await import('../src/handler.js')).handler
const get = (path: string) => events.http('functionUrl', { path })

async function seedOrders(day: string, count: number) {
  const items = Array.from({ length: count }, (_, index) => ({
    orderId: `${day}-${String(index).padStart(4, '0')}`,
    placedOn: day,
    status: index % 10 === 0 ? 'cancelled' : 'placed',
    totalCents: 100 + index,
  }))
  for (let start = 0; start < items.length; start += 25) {
    await documents.send(
      new BatchWriteCommand({
        RequestItems: {
          [env.ORDERS_TABLE ?? '']: items.slice(start, start + 25).map((Item) => ({ PutRequest: { Item } })),
        },
      }),
    )
  }
}

describe('the order export function', () => {
  it("streams a day's orders as CSV, a Query page a chunk, and logs what it sent once it ended", async () => {
    await seedOrders('2026-12-01', ORDERS_PER_PAGE * 2 + 50)
    await seedOrders('2026-12-02', 3)
    const handler = await loadHandler()
    const response = invokeStream(handler, get('/exports/2026-12-01.csv'))
    expect(await response.head).toMatchObject({
      status: 200,
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': 'attachment; filename="orders-2026-12-01.csv"',
      },
    })
    const chunks: string[] = []
    for await (const chunk of response) chunks.push(Buffer.from(chunk).toString('utf8'))
    // The header, then each page as it was read.
    expect(chunks).toHaveLength(4)
    expect(chunks[0]).toBe('orderId,placedOn,status,totalCents\r\n')
    const rows = chunks.slice(1).join('').trimEnd().split('\r\n')
    expect(rows).toHaveLength(ORDERS_PER_PAGE * 2 + 50)
    expect(rows[0]).toBe('2026-12-01-0000,2026-12-01,cancelled,100')
    const done = await response.done
    expect(done.error).toBeUndefined()
    expect(logs.lines).toContainEqual(
      expect.objectContaining({
        message: 'Lambda invocation result',
        result: expect.objectContaining({ status: 200, streamed: true }),
        bytes_sent: done.bytes.byteLength,
      }),
    )
  })

  it('answers a bad day with a 400 naming it, before any byte of CSV, and the health check whole', async () => {
    const handler = await loadHandler()
    const bad = await invokeStream(handler, get('/exports/2026-02-30.csv')).done
    expect(bad.head?.status).toBe(400)
    expect(JSON.parse(bad.body)).toEqual({
      error: {
        type: 'bad_request',
        message: 'The day must be a date, YYYY-MM-DD',
        details: { pathParam: 'day' },
      },
    })
    const health = await invokeStream(handler, get('/health')).done
    expect(health.head?.status).toBe(200)
    expect(health.chunks).toHaveLength(1)
    expect(JSON.parse(health.body)).toEqual({ ok: true })
  })

  it('cuts an export still running at the deadline guard, and says so', async () => {
    await seedOrders('2026-12-03', 5)
    // The header is out; the Query answers later than the invocation has left.
    dynamo.inject({ latencyMs: 5_000, operation: 'Query' })
    const handler = await loadHandler()
    try {
      const done = await invokeStream(handler, get('/exports/2026-12-03.csv'), { remainingMs: 1_500 }).done
      expect(done.error?.errorType).toBe('DeadlineExceededError')
      expect(done.body).toBe('orderId,placedOn,status,totalCents\r\n')
      expect(logs.lines).toContainEqual(
        expect.objectContaining({
          level: 'ERROR',
          message: "The deadline guard cut the stream after 36 bytes, before Lambda's timeout",
          bytes_sent: 36,
        }),
      )
    } finally {
      dynamo.clearFaults()
    }
  })
})
