import { isRecordsFailedError, lambda } from '@tsumiki/core'
import type { MSKEvent, MSKRecord } from 'aws-lambda'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type BatchResponse,
  dynamodbStreams,
  type KafkaItemIdentifier,
  kafka,
  kinesis,
  type SQSBatchResponse,
  sqs,
} from '../src/index.js'
import { captureStderr, createContext, dynamodbEvent, kinesisEvent, sqsEvent } from './support/fixtures.js'
import {
  type BatchCase,
  batchArbitrary,
  type Delay,
  type Probe,
  probe,
  startedIndices,
} from './support/schedule-helpers.js'

/*
 * For random batches (lane keys, handler timings, which records fail) and random concurrency, the reported ids are
 * exactly those the source needs, the bound holds, and no ordered lane is ever run out of order or past a failure.
 */

let stderr: ReturnType<typeof captureStderr>
beforeAll(() => {
  stderr = captureStderr()
})
afterAll(() => stderr.restore())

type Handler = (
  event: never,
  context: ReturnType<typeof createContext>,
) => Promise<SQSBatchResponse | BatchResponse<KafkaItemIdentifier>>

interface Mode {
  readonly name: string
  /** Lane of a record: whose order must hold. `undefined`: records are independent. */
  readonly ordered: 'batch' | 'key' | undefined
  /** The records the response must name, by index. */
  readonly expected: (batch: BatchCase) => number[]
  /** Builds the handler under test (records' work goes through `work`) and its event. */
  readonly make: (
    batch: BatchCase,
    concurrency: number,
    work: (index: number) => unknown,
  ) => { handler: Handler; event: unknown; throws: boolean }
  /** Whether a concurrency bound applies to records (`records`) or to lanes (`lanes`); lanes run one at a time. */
  readonly bound: 'records' | 'lanes' | 'one'
  /** The index of the record the response names by `itemIdentifier`. Default: its id's number. */
  readonly indexOf?: (itemIdentifier: unknown) => number
  /**
   * Whether a record the response does not name is delivered again all the same: it lies behind a checkpoint the
   * response names (streams: the one checkpoint; Kafka: its topic-partition's). Default: never.
   */
  readonly behindCheckpoint?: (batch: BatchCase, reported: readonly number[], index: number) => boolean
}

const indexFromId = (id: string) => Number(id.slice(1))
const ids = (count: number, prefix: string) => Array.from({ length: count }, (_, i) => `${prefix}${i}`)
const indicesWhere = (count: number, keep: (index: number) => boolean) =>
  Array.from({ length: count }, (_, i) => i).filter(keep)
const firstFailure = (batch: BatchCase) => Math.min(batch.keys.length, ...batch.failing)

/** Per lane key, the index of its first failing record. */
function firstFailureByKey(batch: BatchCase): Map<string, number> {
  const first = new Map<string, number>()
  for (const index of [...batch.failing].sort((a, b) => a - b)) {
    const key = batch.keys[index] as string
    if (!first.has(key)) first.set(key, index)
  }
  return first
}

const checkpoint = (batch: BatchCase) => (batch.failing.size === 0 ? [] : [firstFailure(batch)])
const behindTheCheckpoint = (_: BatchCase, reported: readonly number[], index: number) =>
  index > (reported[0] ?? Infinity)

/** Kafka's records by topic-partition (`k0` is partition 0), in the order each first appears; offset = index. */
function kafkaEvent(batch: BatchCase): MSKEvent {
  const records: Record<string, MSKRecord[]> = {}
  batch.keys.forEach((key, index) => {
    const partition = `orders-${key.slice(1)}`
    records[partition] ??= []
    records[partition].push({
      topic: 'orders',
      partition: Number(key.slice(1)),
      offset: index,
      timestamp: 1_700_000_000_000,
      timestampType: 'CREATE_TIME',
      key: '',
      value: '',
      headers: [],
    })
  })
  return {
    eventSource: 'aws:kafka',
    eventSourceArn: 'arn:aws:kafka:::cluster/orders',
    bootstrapServers: '',
    records,
  }
}

/** No record succeeds when each topic-partition's first record fails (the rest of it waits behind that one). */
function noneSucceeds(batch: BatchCase): boolean {
  return [...new Set(batch.keys)].every((key) => batch.failing.has(batch.keys.indexOf(key)))
}

/** Each topic-partition's first failure, in the order the partitions appear in the event. */
function firstFailurePerPartition(batch: BatchCase): number[] {
  const first = firstFailureByKey(batch)
  const keys = [...new Set(batch.keys)]
  return keys.flatMap((key) => (first.has(key) ? [first.get(key) as number] : []))
}

const modes: Mode[] = [
  {
    name: 'SQS standard',
    ordered: undefined,
    bound: 'records',
    expected: (batch) => [...batch.failing].sort((a, b) => a - b),
    make: (batch, concurrency, work) => ({
      handler: lambda(sqs({ concurrency, throwWhenEveryRecordFails: false })).handle(({ messageId }) =>
        work(indexFromId(messageId)),
      ),
      event: sqsEvent(ids(batch.keys.length, 'm')),
      throws: false,
    }),
  },
  {
    name: 'SQS FIFO, failure fails the rest of the batch',
    ordered: 'batch',
    bound: 'one',
    expected: (batch) => indicesWhere(batch.keys.length, (i) => i >= firstFailure(batch)),
    make: (batch, concurrency, work) => ({
      handler: lambda(sqs({ concurrency, throwWhenEveryRecordFails: false })).handle(({ messageId }) =>
        work(indexFromId(messageId)),
      ),
      event: sqsEvent(
        batch.keys.map((groupId, i) => ({ id: `m${i}`, groupId })),
        { fifo: true },
      ),
      throws: false,
    }),
  },
  {
    name: 'SQS FIFO, failure fails the rest of its group',
    ordered: 'key',
    bound: 'lanes',
    expected: (batch) => {
      const first = firstFailureByKey(batch)
      return indicesWhere(batch.keys.length, (i) => i >= (first.get(batch.keys[i] as string) ?? Infinity))
    },
    make: (batch, concurrency, work) => ({
      handler: lambda(
        sqs({ concurrency, onFifoFailure: 'fail-rest-of-group', throwWhenEveryRecordFails: false }),
      ).handle(({ messageId }) => work(indexFromId(messageId))),
      event: sqsEvent(
        batch.keys.map((groupId, i) => ({ id: `m${i}`, groupId })),
        { fifo: true },
      ),
      throws: false,
    }),
  },
  {
    name: 'Kinesis in shard order',
    ordered: 'batch',
    bound: 'one',
    expected: checkpoint,
    behindCheckpoint: behindTheCheckpoint,
    make: (batch, _concurrency, work) => ({
      handler: lambda(kinesis({ throwWhenEveryRecordFails: false })).handle(({ sequenceNumber }) =>
        work(indexFromId(sequenceNumber)),
      ),
      event: kinesisEvent(batch.keys.map((partitionKey, i) => ({ sequenceNumber: `s${i}`, partitionKey }))),
      throws: false,
    }),
  },
  {
    name: 'Kinesis with partition keys in parallel',
    ordered: 'key',
    bound: 'lanes',
    expected: checkpoint,
    behindCheckpoint: behindTheCheckpoint,
    make: (batch, concurrency, work) => ({
      handler: lambda(kinesis({ concurrency, throwWhenEveryRecordFails: false })).handle(
        ({ sequenceNumber }) => work(indexFromId(sequenceNumber)),
      ),
      event: kinesisEvent(batch.keys.map((partitionKey, i) => ({ sequenceNumber: `s${i}`, partitionKey }))),
      throws: false,
    }),
  },
  {
    name: 'DynamoDB Streams in shard order',
    ordered: 'batch',
    bound: 'one',
    expected: checkpoint,
    behindCheckpoint: behindTheCheckpoint,
    make: (batch, _concurrency, work) => ({
      handler: lambda(dynamodbStreams({ throwWhenEveryRecordFails: false })).handle(({ recordId }) =>
        work(indexFromId(recordId)),
      ),
      event: dynamodbEvent(
        batch.keys.map((key, i) => ({ sequenceNumber: `s${i}`, keys: { pk: { S: key } } })),
      ),
      throws: false,
    }),
  },
  {
    name: 'DynamoDB Streams with items in parallel',
    ordered: 'key',
    bound: 'lanes',
    expected: checkpoint,
    behindCheckpoint: behindTheCheckpoint,
    make: (batch, concurrency, work) => ({
      handler: lambda(dynamodbStreams({ concurrency, throwWhenEveryRecordFails: false })).handle(
        ({ recordId }) => work(indexFromId(recordId)),
      ),
      event: dynamodbEvent(
        batch.keys.map((key, i) => ({ sequenceNumber: `s${i}`, keys: { pk: { S: key } } })),
      ),
      throws: false,
    }),
  },
  {
    // kafka(): the adapter docs/adding-an-adapter.md walks through, a table entry for runBatch().
    name: 'Kafka, topic-partitions side by side',
    ordered: 'key',
    bound: 'lanes',
    expected: firstFailurePerPartition,
    indexOf: (itemIdentifier) => (itemIdentifier as KafkaItemIdentifier).offset,
    behindCheckpoint: (batch, reported, index) =>
      reported.some(
        (checkpointIndex) => batch.keys[checkpointIndex] === batch.keys[index] && index > checkpointIndex,
      ),
    make: (batch, concurrency, work) => ({
      handler: lambda(kafka({ concurrency })).handle(({ offset }) => work(offset)),
      event: kafkaEvent(batch),
      throws: batch.keys.length > 0 && noneSucceeds(batch),
    }),
  },
]

function checkOrder(mode: Mode, batch: BatchCase, log: Probe['log']): void {
  if (mode.ordered === undefined) return
  const laneOf = (index: number) => (mode.ordered === 'batch' ? '' : (batch.keys[index] as string))
  const busy = new Set<string>()
  const lastStarted = new Map<string, number>()
  const failedLanes = new Set<string>()
  for (const entry of log) {
    const lane = laneOf(entry.index)
    if (entry.event === 'start') {
      expect(busy.has(lane), `record ${entry.index} started while its lane was busy`).toBe(false)
      expect(entry.index, `record ${entry.index} overtook one it follows`).toBeGreaterThan(
        lastStarted.get(lane) ?? -1,
      )
      expect(failedLanes.has(lane), `record ${entry.index} ran after a failure in its lane`).toBe(false)
      busy.add(lane)
      lastStarted.set(lane, entry.index)
    } else {
      busy.delete(lane)
      if (!entry.ok) failedLanes.add(lane)
    }
  }
}

function maxLanesInFlight(batch: BatchCase, log: Probe['log']): number {
  const busy = new Set<string>()
  let max = 0
  for (const entry of log) {
    const lane = batch.keys[entry.index] as string
    if (entry.event === 'start') busy.add(lane)
    else busy.delete(lane)
    max = Math.max(max, busy.size)
  }
  return max
}

describe.each(modes)('$name (property)', (mode) => {
  it('reports exactly the expected records, within the bound, in order', async () => {
    await fc.assert(
      fc.asyncProperty(
        batchArbitrary({ maxLength: 25 }),
        fc.integer({ min: 1, max: 6 }),
        async (batch, concurrency) => {
          const p = probe()
          const made = mode.make(batch, concurrency, (index) =>
            p.work(index, batch.delays[index] as Delay, batch.failing.has(index)),
          )
          const outcome = await made
            .handler(made.event as never, createContext())
            .catch((error: unknown) => error)
          if (made.throws) {
            expect(isRecordsFailedError(outcome)).toBe(true)
            return
          }
          const { batchItemFailures } = outcome as BatchResponse<unknown>
          const indexOf = mode.indexOf ?? ((itemIdentifier: unknown) => indexFromId(itemIdentifier as string))
          const reported = batchItemFailures.map((failure) => indexOf(failure.itemIdentifier))
          expect(reported).toEqual(mode.expected(batch))
          // Each record ran at most once.
          const started = startedIndices(p.log)
          expect(new Set(started).size).toBe(started.length)
          if (mode.bound === 'records') expect(p.maxInFlight()).toBeLessThanOrEqual(concurrency)
          if (mode.bound === 'one') expect(p.maxInFlight()).toBeLessThanOrEqual(1)
          if (mode.bound === 'lanes') expect(maxLanesInFlight(batch, p.log)).toBeLessThanOrEqual(concurrency)
          checkOrder(mode, batch, p.log)
          // Nothing is lost: a record not reported ran and succeeded, or lies behind a checkpoint reported.
          for (let index = 0; index < batch.keys.length; index++) {
            if (reported.includes(index) || mode.behindCheckpoint?.(batch, reported, index) === true) continue
            expect(started).toContain(index)
            expect(batch.failing.has(index)).toBe(false)
          }
        },
      ),
      { numRuns: 120 },
    )
  })
})

describe('every record failed (property)', () => {
  it('throws RecordsFailedError listing each record exactly when no record succeeded', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.boolean(), { minLength: 1, maxLength: 12 }),
        fc.constantFrom('sqs', 'kinesis'),
        async (fails, source) => {
          const work = (index: number) => {
            if (fails[index]) throw new Error(`record ${index} failed`)
          }
          const handler: Handler =
            source === 'sqs'
              ? lambda(sqs()).handle(({ messageId }) => work(indexFromId(messageId)))
              : lambda(kinesis()).handle(({ sequenceNumber }) => work(indexFromId(sequenceNumber)))
          const event =
            source === 'sqs'
              ? sqsEvent(ids(fails.length, 'm'))
              : kinesisEvent(ids(fails.length, 's').map((sequenceNumber) => ({ sequenceNumber })))
          const outcome = await handler(event as never, createContext()).catch((error: unknown) => error)
          // Kinesis runs in order and stops at the first failure: nothing succeeded iff the first record failed.
          const noneSucceeded = source === 'sqs' ? fails.every(Boolean) : fails[0] === true
          expect(isRecordsFailedError(outcome)).toBe(noneSucceeded)
          if (isRecordsFailedError(outcome)) {
            expect(outcome.failures.map((failure) => indexFromId(failure.recordId))).toEqual(
              fails.map((_, index) => index),
            )
          }
        },
      ),
      { numRuns: 150 },
    )
  })
})
