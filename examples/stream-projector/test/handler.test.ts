import { DeleteItemCommand, PutItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb'
import type { DynamoDbStreamHandler } from '@tsumiki/batch'
import {
  captureLogs,
  events,
  invoke,
  type LocalAws,
  type LocalDynamo,
  type LogCapture,
  startLocalAws,
  startLocalDynamo,
} from '@tsumiki/testing'
import type { DynamoDBStreamEvent } from 'aws-lambda'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  prepareLocalEnvironment,
  queueNameOf,
  samplePoisonRecordIndex,
  sampleStreamBatch,
  sampleStreamTotals,
} from '../local/local-environment.js'

let dynamo: LocalDynamo
let aws: LocalAws
let env: Record<string, string>
let handler: DynamoDbStreamHandler
let logs: LogCapture

beforeAll(async () => {
  ;[dynamo, aws] = await Promise.all([startLocalDynamo(), startLocalAws()])
})
afterAll(async () => {
  await Promise.all([dynamo?.stop(), aws?.stop()])
})

/** A fresh environment (new table and queue) and the handler module loaded again under it. */
async function loadHandler(overrides: Record<string, string> = {}) {
  env = { ...(await prepareLocalEnvironment({ dynamo, aws })), ...overrides }
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value)
  vi.resetModules()
  handler = (await import('../src/handler.js')).handler
}

beforeEach(async () => {
  await loadHandler()
  logs = captureLogs()
})
afterEach(() => {
  logs.stop()
  vi.unstubAllEnvs()
})

/** The projection table's counters by customer. */
async function totals() {
  const { Items = [] } = await dynamo
    .client()
    .send(new ScanCommand({ TableName: env.PROJECTION_TABLE, ConsistentRead: true }))
  return Object.fromEntries(
    Items.map((item) => [
      item.customerId?.S,
      {
        orderCount: Number(item.orderCount?.N),
        openCents: Number(item.openCents?.N),
        paidCents: Number(item.paidCents?.N),
      },
    ]),
  )
}
const deadLetters = () => aws.queue(queueNameOf(env.DEAD_LETTER_QUEUE_URL as string))
const sequenceNumberOf = (event: DynamoDBStreamEvent, index: number) =>
  event.Records[index]?.dynamodb?.SequenceNumber
const order = (orderId: string, customerId: string, totalCents = 1_000) => ({
  orderId,
  customerId,
  status: 'open',
  totalCents,
})

describe('the customer totals projector, against the local DynamoDB and SQS', () => {
  it('projects the sample batch and parks its poison record on the dead-letter queue', async () => {
    const batch = sampleStreamBatch()
    const poison = batch.Records[samplePoisonRecordIndex]

    const response = await invoke(handler, batch)

    expect(response).toEqual({ batchItemFailures: [] })
    expect(await totals()).toEqual(sampleStreamTotals)
    expect(deadLetters().bodies()).toEqual([
      expect.objectContaining({
        source: 'dynamodb',
        recordId: poison?.dynamodb?.SequenceNumber,
        sequenceNumber: poison?.dynamodb?.SequenceNumber,
        error: expect.objectContaining({
          code: 'VALIDATION_FAILED',
          message: expect.stringContaining('newImage.customerId'),
        }),
      }),
    ])
    // Parked, so dealt with: one warning, not an error that would fire an alarm.
    expect(logs.lines.filter((line) => line.record_id === poison?.dynamodb?.SequenceNumber)).toEqual([
      expect.objectContaining({
        level: 'WARN',
        message: 'Record parked on the dead-letter queue',
        correlation_id: poison?.eventID,
        failure: 'permanent',
        dead_letter: 'parked',
        reason: expect.objectContaining({ code: 'VALIDATION_FAILED' }),
      }),
    ])
    expect(logs.lines.filter((line) => line.level === 'ERROR')).toEqual([])
  })

  it('does not count a redelivered record twice: the whole batch again, or again from a checkpoint', async () => {
    const batch = sampleStreamBatch()
    await invoke(handler, batch)

    expect(await invoke(handler, batch)).toEqual({ batchItemFailures: [] })
    expect(await invoke(handler, { Records: batch.Records.slice(2) })).toEqual({ batchItemFailures: [] })

    expect(await totals()).toEqual(sampleStreamTotals)
    expect(logs.lines.filter((line) => line.message === 'order change projected').at(-1)).toMatchObject({
      orderId: 'o-4',
      applied: [],
      alreadyApplied: ['c-1'],
    })
  })

  it('applies each order’s changes in stream order, even with orders side by side', async () => {
    const placed = order('o-1', 'c-1', 2_000)
    const paid = { ...placed, status: 'paid' }
    const batch = events.dynamodbStream([
      { keys: { orderId: 'o-1' }, newItem: placed },
      { keys: { orderId: 'o-2' }, newItem: order('o-2', 'c-2', 500) },
      { keys: { orderId: 'o-1' }, oldItem: placed, newItem: paid },
      { keys: { orderId: 'o-1' }, oldItem: paid, newItem: { ...paid, customerId: 'c-2' } },
      { keys: { orderId: 'o-2' }, oldItem: order('o-2', 'c-2', 500) },
    ])

    expect(await invoke(handler, batch)).toEqual({ batchItemFailures: [] })

    expect(await totals()).toEqual({
      'c-1': { orderCount: 0, openCents: 0, paidCents: 0 },
      'c-2': { orderCount: 1, openCents: 0, paidCents: 2_000 },
    })
  })

  it('reports a transient failure as the checkpoint, and the redelivery from it counts nothing twice', async () => {
    // A totals item DynamoDB cannot add to (a counter stored as text): every update of c-9 fails, as an outage would.
    const broken = { TableName: env.PROJECTION_TABLE, Key: { customerId: { S: 'c-9' } } }
    await dynamo
      .client()
      .send(new PutItemCommand({ ...broken, Item: { ...broken.Key, orderCount: { S: 'x' } } }))
    const batch = events.dynamodbStream([
      { keys: { orderId: 'o-1' }, newItem: order('o-1', 'c-1') },
      { keys: { orderId: 'o-9' }, newItem: order('o-9', 'c-9') },
      { keys: { orderId: 'o-2' }, newItem: order('o-2', 'c-2') },
      {
        keys: { orderId: 'o-1' },
        oldItem: order('o-1', 'c-1'),
        newItem: { ...order('o-1', 'c-1'), status: 'paid' },
      },
    ])

    const response = await invoke(handler, batch)

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: sequenceNumberOf(batch, 1) }] })
    expect(deadLetters().messages()).toEqual([])
    expect((await totals())['c-1']).toMatchObject({ orderCount: 1 })

    // The outage is over; Lambda delivers the shard again from the checkpoint.
    await dynamo.client().send(new DeleteItemCommand(broken))
    expect(await invoke(handler, { Records: batch.Records.slice(1) })).toEqual({ batchItemFailures: [] })

    expect(await totals()).toEqual({
      'c-1': { orderCount: 1, openCents: 0, paidCents: 1_000 },
      'c-2': { orderCount: 1, openCents: 1_000, paidCents: 0 },
      'c-9': { orderCount: 1, openCents: 1_000, paidCents: 0 },
    })
  })

  it('throws when no record succeeds, so Lambda retries and bisects the batch (the table is missing)', async () => {
    logs.stop()
    await loadHandler({ PROJECTION_TABLE: 'no-such-table' })
    logs = captureLogs()
    const batch = events.dynamodbStream([{ keys: { orderId: 'o-1' }, newItem: order('o-1', 'c-1') }])

    await expect(invoke(handler, batch)).rejects.toMatchObject({ code: 'RECORDS_FAILED' })
    expect(deadLetters().messages()).toEqual([])
  })
})

describe('prepareLocalEnvironment', () => {
  it('makes new tables and queues on every call, so two environments on one service never collide', async () => {
    const first = await prepareLocalEnvironment({ dynamo, aws })
    const second = await prepareLocalEnvironment({ dynamo, aws })

    for (const [name, value] of Object.entries(first)) {
      if (name.endsWith('_TABLE') || name.endsWith('_QUEUE_URL')) expect(second[name], name).not.toBe(value)
    }
    expect(second.AWS_ENDPOINT_URL_DYNAMODB).toBe(dynamo.endpoint)
    expect(second.AWS_ENDPOINT_URL_SQS).toBe(aws.endpoint)
  })

  it('refuses to run without both local services', async () => {
    await expect(prepareLocalEnvironment({ dynamo })).rejects.toThrow('needs both')
  })

  it('will not start without its settings, and names every one missing at once', async () => {
    await expect(loadHandler({ PROJECTION_TABLE: '', DEAD_LETTER_QUEUE_URL: '' })).rejects.toThrow(
      'Missing environment variables: PROJECTION_TABLE, DEAD_LETTER_QUEUE_URL',
    )
  })
})
