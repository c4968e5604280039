import { ScanCommand } from '@aws-sdk/client-dynamodb'
import type { SqsHandler } from '@tsumiki/batch'
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
import type { SQSEvent } from 'aws-lambda'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { emfProblems, isEmfLine } from '../../../test/support/emf-validator.js'
import {
  prepareLocalEnvironment,
  queueNameOf,
  sampleBatch,
  sampleMessageIds,
} from '../local/local-environment.js'
import type { Carrier } from '../src/core.js'

// The stand-in carrier, watched: which orders reached it, and a way to make one call fail as an outage would.
vi.mock('../src/carrier.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../src/carrier.js')>()
  return { standInCarrier: { book: vi.fn(original.standInCarrier.book) } }
})

let dynamo: LocalDynamo
let aws: LocalAws
let env: Record<string, string>
let handler: SqsHandler
let carrier: { book: ReturnType<typeof vi.fn<Carrier['book']>> }
let logs: LogCapture

beforeAll(async () => {
  ;[dynamo, aws] = await Promise.all([startLocalDynamo(), startLocalAws()])
})
afterAll(async () => {
  await Promise.all([dynamo?.stop(), aws?.stop()])
})

/** A fresh environment (new tables and queues) and the handler module loaded again under it. */
async function loadHandler(overrides: Record<string, string> = {}) {
  env = { ...(await prepareLocalEnvironment({ dynamo, aws })), ...overrides }
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value)
  vi.resetModules()
  handler = (await import('../src/handler.js')).handler
  carrier = (await import('../src/carrier.js')).standInCarrier as never
}

beforeEach(async () => {
  await loadHandler()
  logs = captureLogs()
})
afterEach(() => {
  // Every metrics line a test made is valid EMF, by the validator written from the specification.
  for (const line of logs.raw.split(/(?<=\n)/).filter(isEmfLine)) expect(emfProblems(line), line).toEqual([])
  logs.stop()
  aws.clearFaults()
  vi.unstubAllEnvs()
})

const client = () => dynamo.client()
const shipmentsStored = async () => {
  const { Items = [] } = await client().send(new ScanCommand({ TableName: env.SHIPMENTS_TABLE }))
  return Items.map((item) => ({ orderId: item.orderId?.S, trackingNumber: item.trackingNumber?.S })).sort(
    (a, b) => String(a.orderId).localeCompare(String(b.orderId)),
  )
}
const idempotencyStatuses = async () => {
  const { Items = [] } = await client().send(
    new ScanCommand({ TableName: env.IDEMPOTENCY_TABLE, ConsistentRead: true }),
  )
  return Items.map((record) => record.status?.S)
}
const deadLetters = () => aws.queue(queueNameOf(env.DEAD_LETTER_QUEUE_URL as string))
const failedIds = (response: { batchItemFailures: { itemIdentifier: string }[] }) =>
  response.batchItemFailures.map((failure) => failure.itemIdentifier).sort()
const order = (orderId: string, country = 'JP') =>
  JSON.stringify({ orderId, address: { country, postcode: '100-0001' } })

describe('the shipments worker, against the local DynamoDB and SQS', () => {
  it('books the good messages of the sample batch once and parks the poison message', async () => {
    const response = await invoke(handler, sampleBatch())

    expect(response).toEqual({ batchItemFailures: [] })
    expect(await shipmentsStored()).toEqual([
      { orderId: 'o-1001', trackingNumber: 'TRACK-o-1001' },
      { orderId: 'o-1002', trackingNumber: 'TRACK-o-1002' },
      { orderId: 'o-1003', trackingNumber: 'TRACK-o-1003' },
    ])
    expect(carrier.book.mock.calls.map(([orderId]) => orderId).sort()).toEqual(['o-1001', 'o-1002', 'o-1003'])
    expect(deadLetters().bodies()).toEqual([
      expect.objectContaining({
        source: 'sqs',
        recordId: sampleMessageIds.poison,
        error: expect.objectContaining({ code: 'VALIDATION_FAILED' }),
      }),
    ])
    expect(deadLetters().messages()[0]?.messageAttributes?.['tsumiki-record-id']).toMatchObject({
      StringValue: sampleMessageIds.poison,
    })
    // One line per booking, one for the poison message, each carrying its message id. The poison message was dealt
    // with (parked): a warning, not an error that would fire an alarm.
    expect(logs.lines.filter((line) => line.message === 'shipment booked')).toHaveLength(3)
    expect(logs.lines.filter((line) => line.record_id === sampleMessageIds.poison)).toEqual([
      expect.objectContaining({
        level: 'WARN',
        message: 'Record parked on the dead-letter queue',
        failure: 'permanent',
        dead_letter: 'parked',
        dead_letter_queue: env.DEAD_LETTER_QUEUE_URL,
        reason: expect.objectContaining({ code: 'VALIDATION_FAILED' }),
      }),
    ])
    expect(logs.lines.filter((line) => line.level === 'ERROR')).toEqual([])
    // One EMF line for the whole batch: three shipments booked, the poison message counted as parked.
    expect(logs.lines.filter((line) => Object.hasOwn(line, '_aws'))).toEqual([
      expect.objectContaining({
        _aws: expect.objectContaining({
          CloudWatchMetrics: [expect.objectContaining({ Namespace: 'Shop', Dimensions: [['service']] })],
        }),
        service: 'shipments',
        shipmentsBooked: [1, 1, 1],
        RecordsSucceeded: 3,
        RecordsFailed: 0,
        RecordsParked: 1,
        RecordsNotRun: 0,
        IdempotencyFirstSight: 3,
      }),
    ])
  })

  it('does not book a message again when SQS delivers it again', async () => {
    const batch = sampleBatch()
    await invoke(handler, batch)
    carrier.book.mockClear()

    const again = await invoke(handler, batch)

    expect(again).toEqual({ batchItemFailures: [] })
    expect(carrier.book).not.toHaveBeenCalled()
    const [redelivered] = logs.lines.filter((line) => Object.hasOwn(line, '_aws')).slice(-1)
    expect(redelivered).toMatchObject({ IdempotencyDuplicates: 3, RecordsSucceeded: 3, RecordsParked: 1 })
    expect(redelivered).not.toHaveProperty('shipmentsBooked')
    expect(await shipmentsStored()).toHaveLength(3)
    expect(await idempotencyStatuses()).toEqual(['COMPLETED', 'COMPLETED', 'COMPLETED'])
  })

  it('parks an undeliverable address as permanent, not for retry', async () => {
    const event = events.sqs([{ body: order('o-7', 'AQ') }, { body: order('o-8') }])
    const [antarctica] = event.Records

    const response = await invoke(handler, event)

    expect(response).toEqual({ batchItemFailures: [] })
    expect(await shipmentsStored()).toEqual([{ orderId: 'o-8', trackingNumber: 'TRACK-o-8' }])
    expect(deadLetters().bodies()).toEqual([
      expect.objectContaining({
        recordId: antarctica?.messageId,
        error: expect.objectContaining({ name: 'UndeliverableAddressError' }),
      }),
    ])
  })

  it('reports a transient failure for retry, and books it when the message comes back', async () => {
    const book = carrier.book.getMockImplementation() as Carrier['book']
    let outages = 1
    carrier.book.mockImplementation(async (orderId, address) => {
      if (orderId === 'o-1' && outages-- > 0) throw new Error('carrier timed out')
      return book(orderId, address)
    })
    const event = events.sqs([{ body: order('o-1') }])
    const retried = event.Records[0] as SQSEvent['Records'][number]
    const batch: SQSEvent = { Records: [retried, ...events.sqs([{ body: order('o-2') }]).Records] }

    const response = await invoke(handler, batch)

    expect(failedIds(response)).toEqual([retried.messageId])
    expect(deadLetters().messages()).toEqual([])
    expect(await shipmentsStored()).toEqual([{ orderId: 'o-2', trackingNumber: 'TRACK-o-2' }])
    // The failed message's claim was given back (only o-2's record is left), so its redelivery runs it.
    expect(await idempotencyStatuses()).toEqual(['COMPLETED'])

    const redelivered = await invoke(handler, { Records: [retried] })

    expect(redelivered).toEqual({ batchItemFailures: [] })
    expect(await shipmentsStored()).toEqual([
      { orderId: 'o-1', trackingNumber: 'TRACK-o-1' },
      { orderId: 'o-2', trackingNumber: 'TRACK-o-2' },
    ])
  })

  it('reports the poison message for retry when the dead-letter queue refuses it: nothing is lost', async () => {
    aws.inject({ operation: 'SendMessageBatch', fault: 'server-error' })
    const event = events.sqs([{ body: 'not json' }, { body: order('o-3') }])
    const [poison] = event.Records

    const response = await invoke(handler, event)

    expect(failedIds(response)).toEqual([poison?.messageId])
    expect(deadLetters().messages()).toEqual([])
    expect(await shipmentsStored()).toEqual([{ orderId: 'o-3', trackingNumber: 'TRACK-o-3' }])
  })

  it('throws when every message fails, so the batch is retried whole (the shipments table is missing)', async () => {
    logs.stop()
    await loadHandler({ SHIPMENTS_TABLE: 'no-such-table' })
    logs = captureLogs()
    const event = events.sqs([{ body: order('o-5') }, { body: order('o-6') }])

    await expect(invoke(handler, event)).rejects.toMatchObject({ code: 'RECORDS_FAILED' })
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
    await expect(loadHandler({ SHIPMENTS_TABLE: '', DEAD_LETTER_QUEUE_URL: ' ' })).rejects.toThrow(
      'Missing environment variables: SHIPMENTS_TABLE, DEAD_LETTER_QUEUE_URL',
    )
  })
})
