export {
  IdempotencyInProgressError,
  isIdempotencyInProgressError,
} from './errors/idempotency-in-progress-error.js'
export {
  IdempotencyKeyMissingError,
  isIdempotencyKeyMissingError,
} from './errors/idempotency-key-missing-error.js'
export {
  IdempotencyPayloadMismatchError,
  isIdempotencyPayloadMismatchError,
} from './errors/idempotency-payload-mismatch-error.js'
export {
  IdempotencyResultTooLargeError,
  isIdempotencyResultTooLargeError,
} from './errors/idempotency-result-too-large-error.js'
export {
  IdempotencyStreamedResultError,
  isIdempotencyStreamedResultError,
} from './errors/idempotency-streamed-result-error.js'
export { defaultKeyOf, idempotencyKeyHeader } from './idempotent/default-key.js'
export { type IdempotentOptions, idempotent } from './idempotent/idempotent.js'
export {
  type IdempotentCallOptions,
  type MakeIdempotentOptions,
  makeIdempotent,
} from './make-idempotent/make-idempotent.js'
export type { LocalCacheOptions, StoreOptions } from './run-once/settings.js'
export { type IdempotencyRecord, mayClaim, type RecordStatus } from './storage/claim.js'
export { type MemoryStore, memoryStore } from './storage/memory-store.js'
export type { ClaimOutcome, CompletedFields, IdempotencyStore } from './storage/store.js'
export {
  type DynamoStoreOptions,
  dynamoStore,
  maxItemBytes,
  ttlEpochSecondsOf,
} from './transport/dynamo-store.js'
