import type { EventRecords, Invocation, RequestCapabilities } from '@tsumiki/core'
import type { DeadLetterRecord } from '../dead-letter/dead-letter-record.js'
import type { PermanentFailureOptions } from './options.js'

/**
 * What the partial batch response names, read by Lambda:
 * - `'every-unsucceeded'` (SQS): each record that did not succeed, failed or not run. Lambda deletes the others.
 * - `'checkpoint'` (Kinesis, DynamoDB Streams: a batch is one shard): only the earliest record that did not
 *   succeed. Lambda considers everything before it done and delivers it and everything after it again, so naming
 *   later records adds nothing, and a failure holds back every later record, whatever its key.
 * - `'checkpoint-per-key'` (Kafka: a batch holds many topic-partitions): the earliest record that did not succeed
 *   in each key of `orderBy`. Each key resumes from its own checkpoint, so a failure holds back only its own key.
 */
export type ReportMode = 'every-unsucceeded' | 'checkpoint' | 'checkpoint-per-key'

/** The record as parked on a dead-letter queue, but for what `runBatch()` adds (source, id, error, time). */
export type DeadLetterDetails = Omit<DeadLetterRecord, 'source' | 'recordId' | 'error' | 'failedAtMs'>

/**
 * One event source, as `runBatch()` needs to know it: a small table of how its records are read, ordered,
 * reported and parked. Everything else (running the chain per record, the deadline, parking permanent failures,
 * logging each failure once, the response) is `runBatch()`'s, the same for every source. Made once per adapter.
 *
 * `TItemId` is what the response names a record by: its id (a string) for SQS and the streams; Kafka names a
 * record by its topic-partition and offset.
 */
export interface BatchSourceTable<TEvent, TRecord, TRequest extends object, TItemId = string> {
  /** The source's name, in errors (`InvalidEventError`, `RecordsFailedError`), log lines and parked records. */
  readonly source: string
  /**
   * The batch's records, in delivery order, and each one's id, or an `InvalidEventError` before any record runs
   * (core's `readRecords()` for a `Records` array: a record without an id could not be reported).
   */
  readonly records: (event: TEvent) => EventRecords<TRecord>
  /**
   * The request the chain runs with for one record (a subclass of `BatchRequestBase`, given `capabilities`).
   * Throws `InvalidEventError` for a record that cannot be read: that record alone fails.
   */
  readonly toRequest: (
    invocation: Invocation,
    event: TEvent,
    record: TRecord,
    capabilities: RequestCapabilities,
  ) => TRequest
  /**
   * Which records keep their order. Absent: none, the records are independent (a standard queue) and run up to
   * `concurrency` at once. `'batch'`: the whole batch, one record at a time, and a failure holds back everything
   * after it (a FIFO queue that fails the rest of the batch). A key: the records of one key (a message group, a
   * partition key, a topic-partition) run one at a time in batch order, up to `concurrency` keys at once, and a
   * failure holds back the rest of its key (and, with `report: 'checkpoint'`, every later record).
   */
  readonly orderBy?: 'batch' | ((record: TRecord) => string) | undefined
  /**
   * With `orderBy`: why a record did not run after an earlier one failed, in the source's terms, as
   * `RecordsNotRunError`'s message says it (`an earlier record of the same topic-partition failed`). Absent: `an
   * earlier record they must follow failed`.
   */
  readonly heldBackBecause?: string | undefined
  readonly report: ReportMode
  /** How the response names a record. Absent: by its id. */
  readonly itemIdentifierOf?: ((record: TRecord, recordId: string) => TItemId) | undefined
  /** What a dead-letter queue is sent of a record: enough to see what it was and to replay it. */
  readonly deadLetterOf: (record: TRecord, event: TEvent) => DeadLetterDetails
}

/** What one adapter was told: its checked options. */
export interface BatchSettings extends PermanentFailureOptions {
  /** Records (or, with `orderBy` keys, keys) in flight at once: a whole number of at least 1, or `Infinity`. */
  readonly concurrency: number
  /** When no record succeeds, throw `RecordsFailedError` rather than report them all. */
  readonly throwWhenEveryRecordFails: boolean
}

/** The partial batch response. SQS, Kinesis and DynamoDB Streams name records by a string; Kafka by an object. */
export interface BatchResponse<TItemId = string> {
  batchItemFailures: { itemIdentifier: TItemId }[]
}
