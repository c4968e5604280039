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
export {
  type DynamoDbEventName,
  type DynamoDbStreamHandler,
  type DynamoDbStreamOptions,
  type DynamoDbStreamRequest,
  dynamodbStreams,
} from './adapters/dynamodb-streams/dynamodb-streams.js'
export type { Unmarshall } from './adapters/dynamodb-streams/load-unmarshall.js'
export { type KafkaHandler, type KafkaOptions, kafka } from './adapters/kafka/kafka.js'
export type { KafkaEvent, KafkaRecord, KafkaSchemaMetadata } from './adapters/kafka/kafka-event.js'
export { type KafkaRequest, kafkaRecordId } from './adapters/kafka/kafka-request.js'
export type { KafkaItemIdentifier } from './adapters/kafka/kafka-table.js'
export {
  type AvroType,
  avroValue,
  type FramingOptions,
  jsonValue,
  type KafkaValueDecoder,
  type ProtobufType,
  protobufValue,
  textValue,
} from './adapters/kafka/kafka-value.js'
export type { SchemaRegistryFraming } from './adapters/kafka/schema-registry-framing.js'
export {
  type KinesisHandler,
  type KinesisOptions,
  type KinesisRequest,
  kinesis,
} from './adapters/kinesis/kinesis.js'
export {
  defaultSqsConcurrency,
  type FifoFailureScope,
  type SqsHandler,
  type SqsOptions,
  type SqsRequest,
  sqs,
} from './adapters/sqs/sqs.js'
export type { DeadLetterRecord } from './dead-letter/dead-letter-record.js'
export { type FailureClass, isPermanentFailure, permanent } from './dead-letter/failure-class.js'
export {
  type DeadLetter,
  deadLetterRecordIdAttribute,
  type ParkResult,
  type SqsDeadLetterOptions,
  type SqsSendClient,
  sqsDeadLetter,
} from './dead-letter/sqs-dead-letter.js'
export { isRecordsNotRunError, RecordsNotRunError } from './errors/records-not-run-error.js'
export { BatchRequestBase } from './run-batch/batch-request.js'
export type {
  BatchResponse,
  BatchSettings,
  BatchSourceTable,
  DeadLetterDetails,
  ReportMode,
} from './run-batch/batch-source-table.js'
export {
  type PermanentFailureOptions,
  type SharedBatchOptions,
  sharedBatchOptionRules,
} from './run-batch/options.js'
export type { BatchSource, RecordRequest } from './run-batch/record-request.js'
export { runBatch } from './run-batch/run-batch.js'
