import type { IdempotencyRecord } from './claim.js'

/** What a claim attempt found. */
export type ClaimOutcome =
  | { readonly claimed: true }
  /** `existing` is the record in the way when the store got it with the failure (DynamoDB's `ALL_OLD`). */
  | { readonly claimed: false; readonly existing: IdempotencyRecord | undefined }

export interface CompletedFields {
  /** The result as written by `encodeResult()`. */
  readonly result: string
  readonly expiresAtMs: number
}

/**
 * Where records live. Every store applies the rules of claim.ts; `memoryStore()` and `dynamoStore()` are the two
 * this package ships, and the same behaviour tests run against both. Limits on what a store keeps are its own
 * (`checkRecord`).
 */
export interface IdempotencyStore {
  /** Writes `record` (IN_PROGRESS) when `mayClaim(current, nowMs)` holds for the record there now, atomically. */
  claim(record: IdempotencyRecord, nowMs: number, signal: AbortSignal | undefined): Promise<ClaimOutcome>
  /** The record as it is now (a consistent read). */
  read(id: string, signal: AbortSignal | undefined): Promise<IdempotencyRecord | undefined>
  /** Marks the claim COMPLETED with its result; false when the claim is no longer this token's. */
  complete(
    id: string,
    claimToken: string,
    fields: CompletedFields,
    signal: AbortSignal | undefined,
  ): Promise<boolean>
  /**
   * Throws when this store cannot keep `record`, the COMPLETED record about to be written (e.g. the DynamoDB store's
   * `IdempotencyResultTooLargeError` over its 400 KB item limit). Called before the write: the claim is then
   * released and the error thrown to the caller, so nothing half-written stays. Absent: no limit.
   */
  checkRecord?(record: IdempotencyRecord): void
  /** Cold-start work (loading the SDK, making the client), run by the middleware's `init()` at module load. */
  warm?(): Promise<void>
  /** Deletes the claim so the key can run again, unless it is no longer this token's. */
  release(id: string, claimToken: string, signal: AbortSignal | undefined): Promise<void>
}
