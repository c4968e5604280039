export { type ContextOptions, createContext } from './context.js'
export { deepMerge } from './deep-merge.js'
export type { DeepPartial } from './deep-partial.js'
export type { AlbOptions } from './events/alb.js'
export type { DynamoDBStreamRecordOverrides } from './events/dynamodb-stream.js'
export type {
  HttpEvent,
  HttpEventOf,
  HttpEventsByVariant,
  HttpRequestInit,
  HttpVariant,
} from './events/http.js'
export type { KinesisRecordOverrides } from './events/kinesis.js'
export type { SqsOptions } from './events/sqs.js'
export { events } from './events.js'
export { invoke } from './invoke.js'
export { type LocalDynamo, type LocalDynamoOptions, startLocalDynamo } from './local-dynamo.js'
export { marshall } from './marshall.js'
