import {
  type Adapter,
  aFunction,
  checkOptions,
  InvalidEventError,
  type Invocation,
  RequestBase,
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
import { respond } from './batch-response.js'
import { loadUnmarshall, type Unmarshall } from './load-unmarshall.js'
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

class DynamoDbStreamRequestObject extends RequestBase<DynamoDBStreamEvent> implements DynamoDbStreamRequest {
  declare readonly kind: 'dynamodb'
  readonly record: DynamoDBRecord
  declare readonly recordId: string
  readonly #capabilities: RequestCapabilities
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
    )
    this.record = record
    this.sequenceNumber = sequenceNumber
    this.eventName = record.eventName
    this.#change = change
    this.#unmarshall = unmarshall
    this.#capabilities = capabilities
  }

  override get capabilities(): RequestCapabilities {
    return this.#capabilities
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
  const concurrency = options.concurrency ?? 1
  const throwWhenEveryRecordFails = options.throwWhenEveryRecordFails ?? true
  const { classify, deadLetter } = permanentFailureOptions(options)
  const capabilities = recordCapabilities(classify, deadLetter)
  // Started now, at module load, so the first invocation finds it loaded.
  const unmarshallReady =
    options.unmarshall === undefined ? loadUnmarshall() : Promise.resolve(options.unmarshall)

  return {
    name: 'dynamodbStreams',
    async run(event, invocation, chain) {
      const { records, ids } = readRecords<DynamoDBRecord>(
        'dynamodb',
        event,
        'dynamodb.SequenceNumber',
        (record) => record.dynamodb?.SequenceNumber,
      )
      const unmarshall = await unmarshallReady
      const requests: (DynamoDbStreamRequestObject | undefined)[] = []
      const task: Task = (index) => {
        const record = records[index] as DynamoDBRecord
        const request = new DynamoDbStreamRequestObject(invocation, event, record, unmarshall, capabilities)
        requests[index] = request
        return chain(request)
      }
      const keyOf = (index: number) => itemKey((records[index] as DynamoDBRecord).dynamodb?.Keys)
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
            const record = records[index] as DynamoDBRecord
            return {
              source: 'dynamodb',
              recordId: ids[index] as string,
              sourceArn: record.eventSourceARN,
              sequenceNumber: record.dynamodb?.SequenceNumber,
              dynamodb: record.dynamodb,
            }
          },
          limits.signal,
        )
      }
      return respond({
        source: 'dynamodb',
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

/** The item a record is about, as a lane key: its key attributes by name, in a fixed order. */
function itemKey(keys: Record<string, AttributeValue> | undefined): string {
  if (keys === undefined || keys === null) return ''
  return JSON.stringify(
    Object.keys(keys)
      .sort()
      .map((name) => [name, keys[name]]),
  )
}
