import type { InvocationRequest } from '@tsumiki/core'

/*
 * The event and response shapes of the three sources, field for field those of `@types/aws-lambda` (same names),
 * so events typed with that package, and the factories of `@tsumiki/testing`, are accepted as they are. They are
 * written out here rather than imported so that this package's types need nothing beyond `@tsumiki/core`.
 */

/** The Lambda context, as core's requests carry it. */
export type LambdaContext = InvocationRequest['context']

export interface BatchItemFailure {
  itemIdentifier: string
}

/** What Lambda reads back when the event source mapping has `FunctionResponseTypes: [ReportBatchItemFailures]`. */
export interface BatchResponse {
  batchItemFailures: BatchItemFailure[]
}

export type SQSBatchResponse = BatchResponse
export type KinesisStreamBatchResponse = BatchResponse
export type DynamoDBBatchResponse = BatchResponse

// SQS

export interface SQSRecordAttributes {
  AWSTraceHeader?: string | undefined
  ApproximateReceiveCount: string
  SentTimestamp: string
  SenderId: string
  ApproximateFirstReceiveTimestamp: string
  SequenceNumber?: string | undefined
  MessageGroupId?: string | undefined
  MessageDeduplicationId?: string | undefined
  DeadLetterQueueSourceArn?: string | undefined
}

export interface SQSMessageAttribute {
  stringValue?: string | undefined
  binaryValue?: string | undefined
  stringListValues?: string[] | undefined
  binaryListValues?: string[] | undefined
  dataType: string
}

export interface SQSMessageAttributes {
  [name: string]: SQSMessageAttribute
}

export interface SQSRecord {
  messageId: string
  receiptHandle: string
  body: string
  attributes: SQSRecordAttributes
  messageAttributes: SQSMessageAttributes
  md5OfBody: string
  md5OfMessageAttributes?: string
  eventSource: string
  eventSourceARN: string
  awsRegion: string
}

export interface SQSEvent {
  Records: SQSRecord[]
}

// Kinesis Data Streams

export interface KinesisStreamRecordPayload {
  /** Epoch seconds, with a fraction. */
  approximateArrivalTimestamp: number
  /** Base64. */
  data: string
  kinesisSchemaVersion: string
  partitionKey: string
  sequenceNumber: string
}

export interface KinesisStreamRecord {
  awsRegion: string
  eventID: string
  eventName: string
  eventSource: string
  eventSourceARN: string
  eventVersion: string
  invokeIdentityArn: string
  kinesis: KinesisStreamRecordPayload
}

export interface KinesisStreamEvent {
  Records: KinesisStreamRecord[]
}

// DynamoDB Streams

/** A DynamoDB Streams attribute value: exactly one of these is set. Binary values are base64 text. */
export interface AttributeValue {
  B?: string | undefined
  BOOL?: boolean | undefined
  BS?: string[] | undefined
  L?: AttributeValue[] | undefined
  M?: Record<string, AttributeValue> | undefined
  N?: string | undefined
  NS?: string[] | undefined
  NULL?: boolean | undefined
  S?: string | undefined
  SS?: string[] | undefined
}

export interface StreamRecord {
  ApproximateCreationDateTime?: number | undefined
  Keys?: { [key: string]: AttributeValue } | undefined
  NewImage?: { [key: string]: AttributeValue } | undefined
  OldImage?: { [key: string]: AttributeValue } | undefined
  SequenceNumber?: string | undefined
  SizeBytes?: number | undefined
  StreamViewType?: 'KEYS_ONLY' | 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES' | undefined
}

export interface DynamoDBRecord {
  awsRegion?: string | undefined
  dynamodb?: StreamRecord | undefined
  eventID?: string | undefined
  eventName?: 'INSERT' | 'MODIFY' | 'REMOVE' | undefined
  eventSource?: string | undefined
  eventSourceARN?: string | undefined
  eventVersion?: string | undefined
  userIdentity?: unknown
}

export interface DynamoDBStreamEvent {
  Records: DynamoDBRecord[]
}
