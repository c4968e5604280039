import { unmarshall } from '@aws-sdk/util-dynamodb'
import { type Adapter, type Invocation, type InvocationRequest, RequestBase } from '@tsumiki/core'
import type {
  AttributeMap,
  DynamoDbEvent,
  DynamoDbRecord,
  KinesisEvent,
  KinesisRecord,
  LambdaContext,
  SqsEvent,
  SqsRecord,
} from './aws-events.js'

/*
 * Minimal per-record adapters standing in for @tsumiki/batch, so these tests depend only on core: each makes the
 * request fields the batch package documents (SQS `body` text, Kinesis `body` decoded, DynamoDB images
 * unmarshalled, `record` and `recordId` everywhere) and reports the records whose chain failed, with the error.
 */

export interface RecordFailure {
  readonly recordId: string
  readonly error: unknown
}

export interface BatchOutcome {
  readonly failures: readonly RecordFailure[]
  readonly results: readonly unknown[]
}

export type TestRecordHandler<TEvent> = (event: TEvent, context: LambdaContext) => Promise<BatchOutcome>

export interface SqsTestRequest extends InvocationRequest<SqsEvent> {
  readonly kind: 'sqs'
  readonly record: SqsRecord
  readonly recordId: string
  readonly body: string
}

export interface KinesisTestRequest extends InvocationRequest<KinesisEvent> {
  readonly kind: 'kinesis'
  readonly record: KinesisRecord
  readonly recordId: string
  readonly body: string
}

export interface DynamoDbTestRequest extends InvocationRequest<DynamoDbEvent> {
  readonly kind: 'dynamodb'
  readonly record: DynamoDbRecord
  readonly recordId: string
  readonly keys: Record<string, unknown>
  readonly newImage: Record<string, unknown> | undefined
  readonly oldImage: Record<string, unknown> | undefined
}

class SqsTestRequestObject extends RequestBase<SqsEvent> implements SqsTestRequest {
  declare readonly kind: 'sqs'
  readonly record: SqsRecord
  override readonly recordId: string
  readonly body: string

  constructor(invocation: Invocation, event: SqsEvent, record: SqsRecord) {
    super(invocation, 'sqs', event, record.messageId)
    this.record = record
    this.recordId = record.messageId
    this.body = record.body
  }
}

class KinesisTestRequestObject extends RequestBase<KinesisEvent> implements KinesisTestRequest {
  declare readonly kind: 'kinesis'
  readonly record: KinesisRecord
  override readonly recordId: string
  readonly body: string

  constructor(invocation: Invocation, event: KinesisEvent, record: KinesisRecord) {
    super(invocation, 'kinesis', event, record.eventID)
    this.record = record
    this.recordId = record.kinesis.sequenceNumber
    this.body = Buffer.from(record.kinesis.data, 'base64').toString('utf8')
  }
}

class DynamoDbTestRequestObject extends RequestBase<DynamoDbEvent> implements DynamoDbTestRequest {
  declare readonly kind: 'dynamodb'
  readonly record: DynamoDbRecord
  override readonly recordId: string
  readonly keys: Record<string, unknown>
  readonly newImage: Record<string, unknown> | undefined
  readonly oldImage: Record<string, unknown> | undefined

  constructor(invocation: Invocation, event: DynamoDbEvent, record: DynamoDbRecord) {
    super(invocation, 'dynamodb', event, record.eventID)
    const change = record.dynamodb
    this.record = record
    this.recordId = change.SequenceNumber
    this.keys = readImage(change.Keys) ?? {}
    this.newImage = readImage(change.NewImage)
    this.oldImage = readImage(change.OldImage)
  }
}

function readImage(image: AttributeMap | undefined): Record<string, unknown> | undefined {
  return image === undefined ? undefined : unmarshall(image as Parameters<typeof unmarshall>[0])
}

function perRecord<TRecord, TRequest extends InvocationRequest & { readonly recordId: string }, TEvent>(
  name: string,
  recordsOf: (event: TEvent) => readonly TRecord[],
  toRequest: (invocation: Invocation, event: TEvent, record: TRecord) => TRequest,
): Adapter<TRequest, TestRecordHandler<TEvent>> {
  return {
    name,
    async run(event, invocation, chain) {
      const failures: RecordFailure[] = []
      const results: unknown[] = []
      for (const record of recordsOf(event)) {
        const request = toRequest(invocation, event, record)
        try {
          results.push(await chain(request))
        } catch (error) {
          failures.push({ recordId: request.recordId, error })
        }
      }
      return { failures, results }
    },
  }
}

export const testSqs = () =>
  perRecord<SqsRecord, SqsTestRequest, SqsEvent>(
    'sqs',
    (event) => event.Records,
    (invocation, event, record) => new SqsTestRequestObject(invocation, event, record),
  )

export const testKinesis = () =>
  perRecord<KinesisRecord, KinesisTestRequest, KinesisEvent>(
    'kinesis',
    (event) => event.Records,
    (invocation, event, record) => new KinesisTestRequestObject(invocation, event, record),
  )

export const testDynamoDb = () =>
  perRecord<DynamoDbRecord, DynamoDbTestRequest, DynamoDbEvent>(
    'dynamodb',
    (event) => event.Records,
    (invocation, event, record) => new DynamoDbTestRequestObject(invocation, event, record),
  )
