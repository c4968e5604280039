export { type IdempotencyRecord, mayClaim, type RecordStatus } from './claim.js'
export { defaultKeyOf, idempotencyKeyHeader } from './default-key.js'
export { type DynamoStoreOptions, dynamoStore, maxItemBytes, ttlEpochSecondsOf } from './dynamo-store.js'
export {
  IdempotencyInProgressError,
  IdempotencyKeyMissingError,
  IdempotencyPayloadMismatchError,
  IdempotencyResultTooLargeError,
  isIdempotencyInProgressError,
  isIdempotencyKeyMissingError,
  isIdempotencyPayloadMismatchError,
  isIdempotencyResultTooLargeError,
} from './errors.js'
export { type IdempotentOptions, idempotent } from './idempotent.js'
export { type IdempotentCallOptions, type MakeIdempotentOptions, makeIdempotent } from './make-idempotent.js'
export { type MemoryStore, memoryStore } from './memory-store.js'
export type { LocalCacheOptions, StoreOptions } from './settings.js'
export type { ClaimOutcome, CompletedFields, IdempotencyStore } from './store.js'
