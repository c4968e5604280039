export { type AppSyncHandler, appSync } from './adapters/appsync/appsync.js'
export {
  type AppSyncBatchItem,
  type AppSyncErrorItem,
  internalFailure,
} from './adapters/appsync/appsync-answer.js'
export type { AppSyncEvent, AppSyncRequest } from './adapters/appsync/appsync-request.js'
export {
  type FieldDeclaration,
  type FieldName,
  type FieldRequest,
  type Resolvers,
  resolvers,
} from './adapters/appsync/resolvers.js'
export {
  type EventBridgeHandler,
  type EventBridgeRequest,
  eventBridge,
} from './adapters/eventbridge/eventbridge.js'
export {
  type AlbHandler,
  type ApiGatewayV1Handler,
  type ApiGatewayV2Handler,
  alb,
  apiGatewayV1,
  apiGatewayV2,
  type FunctionUrlHandler,
  functionUrl,
  type HttpHandler,
  type HttpOptions,
  type HttpResult,
  http,
} from './adapters/http/http.js'
export type { HttpEvent, HttpRequest, HttpVariant } from './adapters/http/http-request.js'
export { type HttpReply, isHttpReply, type ReplyInit, reply } from './adapters/http/reply.js'
export {
  type StreamingHttpEvent,
  type StreamingHttpHandler,
  streamingHttp,
} from './adapters/http/streaming-http.js'
export { type RawHandler, type RawRequest, raw } from './adapters/raw/raw.js'
export { type S3Handler, type S3Request, s3 } from './adapters/s3/s3.js'
export { type ScheduleHandler, type ScheduleRequest, schedule } from './adapters/schedule/schedule.js'
export { type SnsHandler, type SnsRequest, sns } from './adapters/sns/sns.js'
export {
  type ConnectionAddress,
  type ManagementApiClient,
  type PostResult,
  type PostToConnectionOptions,
  postToConnection,
} from './adapters/websocket/post-to-connection.js'
export { type WebSocketHandler, webSocket } from './adapters/websocket/websocket.js'
export type {
  EventTypeOf,
  WebSocketEvent,
  WebSocketRequest,
  WebSocketResult,
} from './adapters/websocket/websocket-request.js'
export {
  type RouteKeyDeclaration,
  type RouteKeyRequest,
  type WebSocketRoutes,
  webSocketRoutes,
} from './adapters/websocket/websocket-routes.js'
export {
  type AwsClientHook,
  type AwsClientWithStack,
  awsClientMade,
  onAwsClientMade,
} from './aws-clients/aws-client-hook.js'
export { type CorsOptions, cors } from './cors/cors.js'
export type { Adapter, AnyLambdaHandler, BuiltHandler, Chain, EventOf, ResponseOf } from './engine/adapter.js'
export type { Awaitable } from './engine/awaitable.js'
export { endReserveMs, Invocation, type InvocationEnd, type InvocationEndHook } from './engine/invocation.js'
export { isPromiseLike } from './engine/is-promise-like.js'
export { defaultDeadlineMarginMs, type LambdaBuilder, type LambdaOptions, lambda } from './engine/lambda.js'
export {
  type ChangedFields,
  type Extend,
  type KeepsFieldTypes,
  type Middleware,
  middleware,
  type Next,
  type UnmetNeeds,
  type Usable,
} from './engine/middleware.js'
export {
  eventCapabilities,
  type InvocationRequest,
  invocationKey,
  invocationOf,
  RequestBase,
  type RequestCapabilities,
  type RequestKind,
} from './engine/request.js'
export { setOwn } from './engine/set-own.js'
export {
  type CallbackHandler,
  type CurrentRequest,
  currentRequest,
  type WrappedHandler,
  type WrappedRequestFields,
  wrap,
} from './engine/wrap.js'
export { AppSyncError, type AppSyncErrorOptions, isAppSyncError } from './errors/app-sync-error.js'
export { type ErrorBrand, errorBrand } from './errors/brand.js'
export { DeadlineExceededError, isDeadlineExceededError } from './errors/deadline-exceeded-error.js'
export { isErrorReported, markErrorReported, reportUnhandledError } from './errors/error-report.js'
export {
  HttpError,
  type HttpErrorBody,
  type HttpErrorOptions,
  httpErrors,
  isHttpError,
} from './errors/http-error.js'
export { InitError, isInitError } from './errors/init-error.js'
export { InvalidEventError, isInvalidEventError } from './errors/invalid-event-error.js'
export { InvalidOptionError, isInvalidOptionError } from './errors/invalid-option-error.js'
export { listRecordIds } from './errors/list-record-ids.js'
export { isMissingDependencyError, MissingDependencyError } from './errors/missing-dependency-error.js'
export { isMissingSettingError, MissingSettingError } from './errors/missing-setting-error.js'
export {
  isRecordsFailedError,
  type RecordFailure,
  RecordsFailedError,
} from './errors/records-failed-error.js'
export { isTsumikiError, TsumikiError, type TsumikiErrorOptions } from './errors/tsumiki-error.js'
export {
  answerErrorFields,
  describeThrown,
  errorFields,
  isErrorLike,
  nonObjectErrorFields,
  recordErrorFields,
} from './log/error-fields.js'
export { isoNow } from './log/iso-now.js'
export { jsonString } from './log/json-string.js'
export { type LogTarget, logForRequest } from './log/log-for-request.js'
export type { RedactState } from './log/redact-state.js'
export { type ReservedKeys, reservedKeys } from './log/reserved-keys.js'
export { maxLogArrayItems, maxLogDepth, safeJson, safeJsonMembers } from './log/safe-json.js'
export {
  capturedLogWriter,
  type LogLevel,
  type LogWriter,
  logWriter,
  setLogWriter,
  writeLine,
  writeLogLine,
} from './log/write-log-line.js'
export { maxBlockedMs, writeStdoutLine } from './log/write-stdout.js'
export { checkOption, checkOptions } from './options/check-options.js'
export { importOptionalPeer } from './options/import-optional-peer.js'
export type { OptionRule, OptionRules } from './options/option-rule.js'
export {
  aFunction,
  anObject,
  anyOf,
  aString,
  listOf,
  matching,
  milliseconds,
  nonEmptyString,
  numberFrom,
  oneOf,
  optionRule,
  positiveMilliseconds,
  recordOf,
  required,
  standardSchema,
  trueOrFalse,
  wholeNumber,
  withMethod,
} from './options/option-rules.js'
export { correlationAttributeNames, correlationIdOf } from './records/correlation-id.js'
export { runEachRecord } from './records/each-record.js'
export { type EventRecords, readRecords } from './records/read-records.js'
export type { ErrorAnswer, ErrorClass } from './router/error-mapping.js'
export type { CheckTemplate, PathParamsOf } from './router/path-template.js'
export type { Route, RouteBuilder } from './router/route-builder.js'
export {
  type HttpChainBuilder,
  type MountableRoutes,
  type RequestOf,
  type RouteDeclaration,
  type RouteMethod,
  type RouteRequest,
  type Router,
  type RouterOptions,
  router,
} from './router/router.js'
export { type JsonReplacer, redactedJson } from './sensitive/redacted-json.js'
export {
  minSensitiveValueLength,
  redactedText,
  redactSensitiveValues,
  registerSensitiveData,
  registerSensitiveValue,
  type SensitiveData,
  sensitiveData,
  sensitivePattern,
  sensitiveValues,
} from './sensitive/sensitive-values.js'
export { withoutSensitiveValues } from './sensitive/without-sensitive-values.js'
export { settingsFrom } from './settings/settings-from.js'
export {
  emitSignal,
  hasSignalObservers,
  type SignalArguments,
  type SignalName,
  type SignalObserver,
  type Signals,
} from './signals/signals.js'
export {
  httpPreludeContentType,
  isStreamingHandler,
  type LambdaResponseStream,
  streamifyResponse,
} from './streaming/response-stream.js'
export { type ServerSentEvent, type SseInit, sse, sseText } from './streaming/sse.js'
export {
  type HttpStreamReply,
  isHttpStreamReply,
  replyStream,
  type StreamBody,
  type StreamOutput,
  type StreamReplyInit,
  type StreamSent,
  type StreamWriter,
  whenStreamSent,
} from './streaming/stream-reply.js'
export {
  type ActiveTraceReader,
  activeTraceIds,
  setActiveTraceReader,
  type TraceIds,
} from './trace-context/active-trace.js'
export {
  traceHeaderField,
  traceRoot,
  xRayTraceHeaderOf,
  xRayTraceIdOf,
} from './trace-context/xray-trace-header.js'
