export type {
  AttributeValue,
  BatchItemFailure,
  BatchResponse,
  DynamoDBBatchResponse,
  DynamoDBRecord,
  DynamoDBStreamEvent,
  KinesisStreamBatchResponse,
  KinesisStreamEvent,
  KinesisStreamRecord,
  KinesisStreamRecordPayload,
  LambdaContext,
  SQSBatchResponse,
  SQSEvent,
  SQSMessageAttribute,
  SQSMessageAttributes,
  SQSRecord,
  SQSRecordAttributes,
  StreamRecord,
} from './aws-events.js'
export { BatchFailedError } from './batch-failed-error.js'
export {
  type DynamoDbEventName,
  type DynamoDbStreamHandler,
  type DynamoDbStreamOptions,
  type DynamoDbStreamRequest,
  dynamodbStreams,
} from './dynamodb-streams.js'
export { type KinesisHandler, type KinesisOptions, type KinesisRequest, kinesis } from './kinesis.js'
export type { Unmarshall } from './load-unmarshall.js'
export type { BatchSource, RecordRequest } from './record-request.js'
export { RecordsNotRunError } from './records-not-run-error.js'
export {
  defaultSqsConcurrency,
  type FifoFailureScope,
  type SqsHandler,
  type SqsOptions,
  type SqsRequest,
  sqs,
} from './sqs.js'
