import {
  type Adapter,
  checkOptions,
  InvalidEventError,
  type Invocation,
  type RequestCapabilities,
  readRecords,
} from '@tsumiki/core'
import type { Context, KinesisStreamBatchResponse, KinesisStreamEvent, KinesisStreamRecord } from 'aws-lambda'
import { BatchRequestBase } from '../../run-batch/batch-request.js'
import type { BatchSettings, BatchSourceTable } from '../../run-batch/batch-source-table.js'
import { type SharedBatchOptions, sharedBatchOptionRules } from '../../run-batch/options.js'
import type { RecordRequest } from '../../run-batch/record-request.js'
import { runBatch } from '../../run-batch/run-batch.js'

/** One Kinesis record, its data decoded to text. */
export interface KinesisRequest extends RecordRequest<KinesisStreamEvent, KinesisStreamRecord> {
  readonly kind: 'kinesis'
  readonly sequenceNumber: string
  readonly partitionKey: string
  /** The data, base64-decoded to UTF-8. Binary data is in `record.kinesis.data`, still base64. */
  readonly body: string
  /** When Kinesis received the record (epoch ms). */
  readonly arrivedAtMs: number
}

export type KinesisHandler = (
  event: KinesisStreamEvent,
  context: Context,
) => Promise<KinesisStreamBatchResponse>

export interface KinesisOptions extends SharedBatchOptions {
  /**
   * How many partition keys run at once. A key's records always run one at a time, in order. Default 1: the
   * batch runs in shard order and stops at the first failure, so nothing runs twice.
   */
  readonly concurrency?: number | undefined
  /** When no record succeeds, throw `RecordsFailedError` rather than report the first. Default true. */
  readonly throwWhenEveryRecordFails?: boolean | undefined
}

class KinesisRequestObject
  extends BatchRequestBase<KinesisStreamEvent, KinesisStreamRecord>
  implements KinesisRequest
{
  declare readonly kind: 'kinesis'
  readonly sequenceNumber: string
  readonly partitionKey: string
  readonly body: string
  readonly arrivedAtMs: number

  constructor(
    invocation: Invocation,
    event: KinesisStreamEvent,
    record: KinesisStreamRecord,
    capabilities: RequestCapabilities,
  ) {
    const payload = record.kinesis
    if (typeof payload.data !== 'string') {
      throw new InvalidEventError('kinesis', `record ${payload.sequenceNumber} has no data`)
    }
    super(
      invocation,
      'kinesis',
      event,
      record.eventID ?? payload.sequenceNumber,
      record.eventID ?? `${payload.partitionKey}:${payload.sequenceNumber}`,
      payload.sequenceNumber,
      record,
      capabilities,
    )
    this.sequenceNumber = payload.sequenceNumber
    this.partitionKey = payload.partitionKey
    this.body = Buffer.from(payload.data, 'base64').toString('utf8')
    this.arrivedAtMs = Math.round(payload.approximateArrivalTimestamp * 1000)
  }
}

/**
 * Kinesis Data Streams with partial batch responses: the chain runs once per record, order within a partition
 * key is kept, and the function reports the earliest record that did not succeed; Lambda resumes the shard
 * there. Needs `FunctionResponseTypes: [ReportBatchItemFailures]` on the event source mapping.
 */
export function kinesis(options: KinesisOptions = {}): Adapter<KinesisRequest, KinesisHandler> {
  checkOptions<KinesisOptions>('kinesis()', options, sharedBatchOptionRules())
  const settings: BatchSettings = {
    concurrency: options.concurrency ?? 1,
    throwWhenEveryRecordFails: options.throwWhenEveryRecordFails ?? true,
    isPermanent: options.isPermanent,
    deadLetter: options.deadLetter,
  }
  return {
    name: 'kinesis',
    run: (event, invocation, chain) => runBatch(kinesisTable, settings, event, invocation, chain),
  }
}

/**
 * Kinesis as `runBatch()` sees it: a batch is one shard, in sequence order; each partition key's records keep their
 * order, and the response is the checkpoint Lambda resumes the shard from.
 */
const kinesisTable: BatchSourceTable<KinesisStreamEvent, KinesisStreamRecord, KinesisRequestObject> = {
  source: 'kinesis',
  records: (event) =>
    readRecords<KinesisStreamRecord>(
      'kinesis',
      event,
      'kinesis.sequenceNumber',
      (record) => record.kinesis?.sequenceNumber,
    ),
  toRequest: (invocation, event, record, capabilities) =>
    new KinesisRequestObject(invocation, event, record, capabilities),
  orderBy: (record) => String(record.kinesis.partitionKey),
  heldBackBecause:
    'an earlier record of the same shard and partition key failed, and the stream keeps their order',
  report: 'checkpoint',
  deadLetterOf: (record) => ({
    sourceArn: record.eventSourceARN,
    sequenceNumber: record.kinesis.sequenceNumber,
    partitionKey: record.kinesis.partitionKey,
    data: record.kinesis.data,
  }),
}
