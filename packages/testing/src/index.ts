export { captureLogs, type LogCapture, type LogLine } from './capture-logs/capture-logs.js'
export { type ContextOptions, createContext } from './context/context.js'
export { deepMerge } from './deep-merge/deep-merge.js'
export type { DeepPartial } from './deep-merge/deep-partial.js'
export type { AlbOptions } from './events/alb.js'
export type { AppSyncOverrides } from './events/appsync.js'
export type { DynamoDBStreamRecordOverrides } from './events/dynamodb-stream.js'
export { events } from './events/events.js'
export type {
  HttpEvent,
  HttpEventOf,
  HttpEventsByVariant,
  HttpRequestInit,
  HttpVariant,
} from './events/http.js'
export type { KafkaRecordOverrides } from './events/kafka.js'
export type { KinesisRecordOverrides } from './events/kinesis.js'
export type { SqsOptions } from './events/sqs.js'
export type { WebSocketApiEvent, WebSocketOverrides } from './events/websocket.js'
export { invoke } from './invoke/invoke.js'
export { invokeStream, type StreamingHandler } from './invoke/invoke-stream.js'
export type { StreamedAnswer, StreamedResponse, StreamHead } from './invoke/streamed-response.js'
export type { LocalAwsFault, LocalAwsFaultKind, LocalAwsOperation } from './local/aws/faults.js'
export type {
  LocalConfigurationInit,
  LocalConfigurationTarget,
} from './local/aws/local-appconfig.js'
export type { LocalQueue, LocalQueueInit, LocalSqsMessage } from './local/aws/local-queue.js'
export type { LocalSecretInit } from './local/aws/local-secrets-manager.js'
export type { LocalParameterInit, LocalParameterType } from './local/aws/local-ssm.js'
export type { SqsMessageAttributeValue } from './local/aws/sqs-md5.js'
export { type LocalAws, type LocalAwsOptions, startLocalAws } from './local/aws/start-local-aws.js'
export type { CollectedSpan } from './local/collector/otlp-json.js'
export { type LocalCollector, startLocalCollector } from './local/collector/start-local-collector.js'
export {
  type LocalDynamo,
  type LocalDynamoFault,
  type LocalDynamoOperation,
  type LocalDynamoOptions,
  startLocalDynamo,
} from './local/dynamo/local-dynamo.js'
export {
  type LocalConnection,
  type LocalManagementApi,
  type LocalManagementApiOptions,
  startLocalManagementApi,
} from './local/management-api/local-management-api.js'
export { marshall } from './marshall/marshall.js'
