import {
  type Adapter,
  aFunction,
  checkOptions,
  InvalidEventError,
  type Invocation,
  type RequestCapabilities,
  readRecords,
} from '@tsumiki/core'
import type {
  AttributeValue,
  Context,
  DynamoDBBatchResponse,
  DynamoDBRecord,
  DynamoDBStreamEvent,
  StreamRecord,
} from 'aws-lambda'
import { BatchRequestBase } from '../../run-batch/batch-request.js'
import type { BatchSettings, BatchSourceTable } from '../../run-batch/batch-source-table.js'
import { type SharedBatchOptions, sharedBatchOptionRules } from '../../run-batch/options.js'
import type { RecordRequest } from '../../run-batch/record-request.js'
import { runBatch } from '../../run-batch/run-batch.js'
import { loadUnmarshall, type Unmarshall } from './load-unmarshall.js'

export type DynamoDbEventName = 'INSERT' | 'MODIFY' | 'REMOVE'

/**
 * One DynamoDB stream record. `keys`, `newImage` and `oldImage` are plain objects, unmarshalled when first read,
 * so a handler that looks only at `eventName` pays nothing for them. Binary attributes stay base64 text.
 */
export interface DynamoDbStreamRequest extends RecordRequest<DynamoDBStreamEvent, DynamoDBRecord> {
  readonly kind: 'dynamodb'
  readonly eventName: DynamoDbEventName
  readonly sequenceNumber: string
  readonly keys: Record<string, unknown>
  /** The item after the change; absent for REMOVE, and unless the stream view includes new images. */
  readonly newImage: Record<string, unknown> | undefined
  /** The item before the change; absent for INSERT, and unless the stream view includes old images. */
  readonly oldImage: Record<string, unknown> | undefined
}

export type DynamoDbStreamHandler = (
  event: DynamoDBStreamEvent,
  context: Context,
) => Promise<DynamoDBBatchResponse>

export interface DynamoDbStreamOptions extends SharedBatchOptions {
  /**
   * How many items (by key) run at once. An item's records always run one at a time, in order. Default 1: the
   * batch runs in shard order and stops at the first failure, so nothing runs twice.
   */
  readonly concurrency?: number | undefined
  /** When no record succeeds, throw `RecordsFailedError` rather than report the first. Default true. */
  readonly throwWhenEveryRecordFails?: boolean | undefined
  /**
   * Turns an image into a plain object. Default: `unmarshall` of `@aws-sdk/util-dynamodb`, whose numbers beyond
   * 2^53 become BigInt; pass `(image) => unmarshall(image, { wrapNumbers: true })` to keep them exact as text.
   */
  readonly unmarshall?: Unmarshall | undefined
}

const eventNames: ReadonlySet<string> = new Set<DynamoDbEventName>(['INSERT', 'MODIFY', 'REMOVE'])
// Marks an image not unmarshalled yet; `undefined` is a real value (no image).
const unread: unique symbol = Symbol('unread')

class DynamoDbStreamRequestObject
  extends BatchRequestBase<DynamoDBStreamEvent, DynamoDBRecord>
  implements DynamoDbStreamRequest
{
  declare readonly kind: 'dynamodb'
  readonly sequenceNumber: string
  readonly eventName: DynamoDbEventName
  readonly #change: StreamRecord
  readonly #unmarshall: Unmarshall
  #keys: Record<string, unknown> | typeof unread = unread
  #newImage: Record<string, unknown> | undefined | typeof unread = unread
  #oldImage: Record<string, unknown> | undefined | typeof unread = unread

  constructor(
    invocation: Invocation,
    event: DynamoDBStreamEvent,
    record: DynamoDBRecord,
    unmarshall: Unmarshall,
    capabilities: RequestCapabilities,
  ) {
    const change = record.dynamodb as StreamRecord
    const sequenceNumber = change.SequenceNumber as string
    if (record.eventName === undefined || !eventNames.has(record.eventName)) {
      throw new InvalidEventError(
        'dynamodb',
        `record ${sequenceNumber} has no eventName INSERT, MODIFY or REMOVE`,
      )
    }
    super(
      invocation,
      'dynamodb',
      event,
      record.eventID ?? sequenceNumber,
      record.eventID ?? sequenceNumber,
      sequenceNumber,
      record,
      capabilities,
    )
    this.sequenceNumber = sequenceNumber
    this.eventName = record.eventName
    this.#change = change
    this.#unmarshall = unmarshall
  }

  // Unmarshalled when first read, then kept.
  get keys(): Record<string, unknown> {
    if (this.#keys === unread) this.#keys = this.#read(this.#change.Keys) ?? {}
    return this.#keys
  }

  get newImage(): Record<string, unknown> | undefined {
    if (this.#newImage === unread) this.#newImage = this.#read(this.#change.NewImage)
    return this.#newImage
  }

  get oldImage(): Record<string, unknown> | undefined {
    if (this.#oldImage === unread) this.#oldImage = this.#read(this.#change.OldImage)
    return this.#oldImage
  }

  #read(image: Record<string, AttributeValue> | undefined): Record<string, unknown> | undefined {
    return image === undefined || image === null ? undefined : this.#unmarshall(image)
  }
}

/**
 * DynamoDB Streams with partial batch responses: the chain runs once per record, order per item is kept, and the
 * function reports the earliest record that did not succeed; Lambda resumes the shard there. Needs
 * `FunctionResponseTypes: [ReportBatchItemFailures]` on the event source mapping.
 */
export function dynamodbStreams(
  options: DynamoDbStreamOptions = {},
): Adapter<DynamoDbStreamRequest, DynamoDbStreamHandler> {
  checkOptions<DynamoDbStreamOptions>('dynamodbStreams()', options, {
    ...sharedBatchOptionRules(),
    unmarshall: aFunction,
  })
  const settings: BatchSettings = {
    concurrency: options.concurrency ?? 1,
    throwWhenEveryRecordFails: options.throwWhenEveryRecordFails ?? true,
    isPermanent: options.isPermanent,
    deadLetter: options.deadLetter,
  }
  // Started now, at module load, so the first invocation finds it loaded.
  const tableReady = (
    options.unmarshall === undefined ? loadUnmarshall() : Promise.resolve(options.unmarshall)
  ).then(dynamodbTable)

  return {
    name: 'dynamodbStreams',
    run: async (event, invocation, chain) => runBatch(await tableReady, settings, event, invocation, chain),
  }
}

/**
 * DynamoDB Streams as `runBatch()` sees it: a batch is one shard, in sequence order; each item's records keep their
 * order, and the response is the checkpoint Lambda resumes the shard from.
 */
function dynamodbTable(
  unmarshall: Unmarshall,
): BatchSourceTable<DynamoDBStreamEvent, DynamoDBRecord, DynamoDbStreamRequestObject> {
  return {
    source: 'dynamodb',
    records: (event) =>
      readRecords<DynamoDBRecord>(
        'dynamodb',
        event,
        'dynamodb.SequenceNumber',
        (record) => record.dynamodb?.SequenceNumber,
      ),
    toRequest: (invocation, event, record, capabilities) =>
      new DynamoDbStreamRequestObject(invocation, event, record, unmarshall, capabilities),
    orderBy: (record) => itemKey(record.dynamodb?.Keys),
    heldBackBecause:
      'an earlier record of the same shard and partition key failed, and the stream keeps their order',
    report: 'checkpoint',
    deadLetterOf: (record) => ({
      sourceArn: record.eventSourceARN,
      sequenceNumber: record.dynamodb?.SequenceNumber,
      dynamodb: record.dynamodb,
    }),
  }
}

/** The item a record is about, as a lane key: its key attributes by name, in a fixed order. */
function itemKey(keys: Record<string, AttributeValue> | undefined): string {
  if (keys === undefined || keys === null) return ''
  return JSON.stringify(
    Object.keys(keys)
      .sort()
      .map((name) => [name, keys[name]]),
  )
}
