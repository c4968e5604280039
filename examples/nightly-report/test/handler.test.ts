import { BatchWriteCommand, DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb'
import {
  captureLogs,
  events,
  invoke,
  type LocalDynamo,
  type LogCapture,
  startLocalDynamo,
} from '@tsumiki/testing'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { prepareLocalEnvironment } from '../local/local-environment.js'

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
const order = (orderId: string, placedOn: string, totalCents: number, status = 'placed') => ({
  orderId,
  placedOn,
  status,
  totalCents,
  customer: 'c-1', // not projected into the index: the report never sees it
})
async function seedOrders(...orders: ReturnType<typeof order>[]) {
  await documents.send(
    new BatchWriteCommand({
      RequestItems: { [env.ORDERS_TABLE ?? '']: orders.map((item) => ({ PutRequest: { Item: item } })) },
    }),
  )
}
async function reports() {
  // The test reads the whole (tiny) table; the function itself only queries the orders index.
  const { Items = [] } = await documents.send(new ScanCommand({ TableName: env.REPORTS_TABLE }))
  return Items
}
const nightly = (time: string, id = 'run-1') =>
  events.schedule({ id, time, resources: ['arn:aws:events:us-east-1:123456789012:rule/nightly-report'] })

describe('the nightly report function', () => {
  it("reports the day before the event's time from the orders table, once", async () => {
    await seedOrders(
      order('o-1', '2026-12-01', 1250),
      order('o-2', '2026-12-01', 750),
      order('o-3', '2026-12-01', 9999, 'cancelled'),
      order('o-4', '2026-12-02', 5000), // today's: not in yesterday's report
      order('o-5', '2026-11-30', 5000),
    )
    const handler = await loadHandler()

    await invoke(handler, nightly('2026-12-02T00:30:00Z'))

    expect(await reports()).toEqual([
      {
        day: '2026-12-01',
        orderCount: 2,
        cancelledCount: 1,
        totalCents: 2000,
        averageOrderCents: 1000,
        unreadable: { count: 0, orderIds: [] },
        runId: 'run-1',
        scheduledAtMs: Date.parse('2026-12-02T00:30:00Z'),
      },
    ])
    expect(logs.lines).toMatchObject([
      { level: 'INFO', message: 'nightly report', day: '2026-12-01', totalCents: 2000 },
    ])
  })

  it('leaves the report as it is when the run is retried or replayed later, with orders added since', async () => {
    await seedOrders(order('o-1', '2026-12-01', 1000))
    const handler = await loadHandler()
    await invoke(handler, nightly('2026-12-02T00:30:00Z'))
    await seedOrders(order('o-late', '2026-12-01', 500))

    await invoke(handler, nightly('2026-12-02T00:30:00Z')) // Lambda's retry: the same event
    await invoke(handler, nightly('2026-12-02T00:30:00Z', 'replayed-from-archive'))

    expect(await reports()).toMatchObject([{ day: '2026-12-01', totalCents: 1000, runId: 'run-1' }])
    expect(logs.lines.map((line) => line.message)).toEqual([
      'nightly report',
      'day already reported: nothing changed',
      'day already reported: nothing changed',
    ])
  })

  it('saves one report when two runs for the same day race', async () => {
    await seedOrders(order('o-1', '2026-12-01', 1000))
    const handler = await loadHandler()

    await Promise.all([
      invoke(handler, nightly('2026-12-02T00:30:00Z', 'a')),
      invoke(handler, nightly('2026-12-02T00:30:05Z', 'b')),
    ])

    const saved = await reports()
    expect(saved).toHaveLength(1)
    expect(['a', 'b']).toContain(saved[0]?.runId)
    expect(logs.lines.map((line) => line.message).sort()).toEqual([
      'day already reported: nothing changed',
      'nightly report',
    ])
  })

  it('names the orders it could not read, and still reports the others', async () => {
    await seedOrders(order('o-1', '2026-12-01', 1000), order('o-bad', '2026-12-01', -5))
    const handler = await loadHandler()

    await invoke(handler, nightly('2026-12-02T00:30:00Z'))

    expect(await reports()).toMatchObject([{ orderCount: 1, unreadable: { count: 1, orderIds: ['o-bad'] } }])
    expect(logs.lines[1]).toMatchObject({ level: 'WARN', unreadable: { count: 1, orderIds: ['o-bad'] } })
  })

  it('refuses an event without a time instead of reporting the day of the clock', async () => {
    const handler = await loadHandler()
    const { time: _time, ...withoutTime } = nightly('2026-12-02T00:30:00Z')

    await expect(invoke(handler, withoutTime as ReturnType<typeof nightly>)).rejects.toMatchObject({
      name: 'MissingScheduleTimeError',
      code: 'MISSING_SCHEDULE_TIME',
    })
    expect(await reports()).toEqual([])
    expect(logs.lines).toMatchObject([{ level: 'ERROR', error: { code: 'MISSING_SCHEDULE_TIME' } }])
  })

  it('will not start without its settings, and names every one missing at once', async () => {
    vi.stubEnv('ORDERS_TABLE', '')
    vi.stubEnv('REPORTS_TABLE', '')
    await expect(loadHandler()).rejects.toThrow('Missing environment variables: ORDERS_TABLE, REPORTS_TABLE')
  })
})
