export type {
  AttributeValue,
  DynamoDBBatchResponse,
  DynamoDBRecord,
  DynamoDBStreamEvent,
  KinesisStreamBatchResponse,
  KinesisStreamEvent,
  KinesisStreamRecord,
  KinesisStreamRecordPayload,
  SQSBatchResponse,
  SQSEvent,
  SQSMessageAttribute,
  SQSMessageAttributes,
  SQSRecord,
  SQSRecordAttributes,
  StreamRecord,
} from 'aws-lambda'
export { BatchRequestBase } from './batch-request.js'
export type {
  BatchResponse,
  BatchSettings,
  BatchSourceTable,
  DeadLetterDetails,
  ReportMode,
} from './batch-source-table.js'
export type { DeadLetterRecord } from './dead-letter-record.js'
export {
  type DynamoDbEventName,
  type DynamoDbStreamHandler,
  type DynamoDbStreamOptions,
  type DynamoDbStreamRequest,
  dynamodbStreams,
} from './dynamodb-streams.js'
export { isRecordsNotRunError, RecordsNotRunError } from './errors/records-not-run-error.js'
export { type FailureClass, isPermanentFailure, permanent } from './failure-class.js'
export { type KinesisHandler, type KinesisOptions, type KinesisRequest, kinesis } from './kinesis.js'
export type { Unmarshall } from './load-unmarshall.js'
export { type PermanentFailureOptions, type SharedBatchOptions, sharedBatchOptionRules } from './options.js'
export type { BatchSource, RecordRequest } from './record-request.js'
export { runBatch } from './run-batch.js'
export {
  defaultSqsConcurrency,
  type FifoFailureScope,
  type SqsHandler,
  type SqsOptions,
  type SqsRequest,
  sqs,
} from './sqs.js'
export {
  type DeadLetter,
  deadLetterRecordIdAttribute,
  type ParkResult,
  type SqsDeadLetterOptions,
  type SqsSendClient,
  sqsDeadLetter,
} from './sqs-dead-letter.js'
