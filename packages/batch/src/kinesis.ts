import {
  type Adapter,
  checkOptions,
  InvalidEventError,
  type Invocation,
  RequestBase,
  type RequestCapabilities,
  readRecords,
} from '@tsumiki/core'
import type { Context, KinesisStreamBatchResponse, KinesisStreamEvent, KinesisStreamRecord } from 'aws-lambda'
import { respond } from './batch-response.js'
import {
  limitsOf,
  permanentFailureOptions,
  type SharedBatchOptions,
  sharedBatchOptionRules,
} from './options.js'
import type { Outcome, Task } from './outcome.js'
import { catchPermanent, type PermanentFailures, parkCaught } from './park-permanent.js'
import { recordCapabilities } from './record-capabilities.js'
import type { RecordRequest } from './record-request.js'
import { runStream } from './stream-run.js'

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

class KinesisRequestObject extends RequestBase<KinesisStreamEvent> implements KinesisRequest {
  declare readonly kind: 'kinesis'
  readonly record: KinesisStreamRecord
  declare readonly recordId: string
  readonly #capabilities: RequestCapabilities
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
    )
    this.record = record
    this.sequenceNumber = payload.sequenceNumber
    this.partitionKey = payload.partitionKey
    this.body = Buffer.from(payload.data, 'base64').toString('utf8')
    this.arrivedAtMs = Math.round(payload.approximateArrivalTimestamp * 1000)
    this.#capabilities = capabilities
  }

  override get capabilities(): RequestCapabilities {
    return this.#capabilities
  }
}

/**
 * Kinesis Data Streams with partial batch responses: the chain runs once per record, order within a partition
 * key is kept, and the function reports the earliest record that did not succeed; Lambda resumes the shard
 * there. Needs `FunctionResponseTypes: [ReportBatchItemFailures]` on the event source mapping.
 */
export function kinesis(options: KinesisOptions = {}): Adapter<KinesisRequest, KinesisHandler> {
  checkOptions<KinesisOptions>('kinesis()', options, sharedBatchOptionRules())
  const concurrency = options.concurrency ?? 1
  const throwWhenEveryRecordFails = options.throwWhenEveryRecordFails ?? true
  const { classify, deadLetter } = permanentFailureOptions(options)
  const capabilities = recordCapabilities(classify, deadLetter)

  return {
    name: 'kinesis',
    async run(event, invocation, chain) {
      const { records, ids } = readRecords<KinesisStreamRecord>(
        'kinesis',
        event,
        'kinesis.sequenceNumber',
        (record) => record.kinesis?.sequenceNumber,
      )
      const requests: (KinesisRequestObject | undefined)[] = []
      const task: Task = (index) => {
        const record = records[index] as KinesisStreamRecord
        const request = new KinesisRequestObject(invocation, event, record, capabilities)
        requests[index] = request
        return chain(request)
      }
      const keyOf = (index: number) => String((records[index] as KinesisStreamRecord).kinesis.partitionKey)
      const limits = limitsOf(invocation)
      const caught: PermanentFailures = new Map()
      let outcomes: readonly Outcome[] = await runStream(
        records.length,
        deadLetter === undefined ? task : catchPermanent(task, classify, caught),
        concurrency,
        keyOf,
        limits,
      )
      if (deadLetter !== undefined) {
        outcomes = await parkCaught(
          outcomes,
          caught,
          deadLetter,
          (index) => {
            const record = records[index] as KinesisStreamRecord
            return {
              source: 'kinesis',
              recordId: ids[index] as string,
              sourceArn: record.eventSourceARN,
              sequenceNumber: record.kinesis.sequenceNumber,
              partitionKey: record.kinesis.partitionKey,
              data: record.kinesis.data,
            }
          },
          limits.signal,
        )
      }
      return respond({
        source: 'kinesis',
        ids,
        outcomes,
        requests,
        report: 'checkpoint',
        throwWhenEveryRecordFails,
        context: invocation.context,
        classify,
        deadLetter: deadLetter === undefined ? undefined : (deadLetter.destination ?? deadLetter.name),
      })
    },
  }
}
