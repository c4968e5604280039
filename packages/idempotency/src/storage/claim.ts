/**
 * The storage rules, apart from any transport: what a record holds, when a key may be claimed, and what a caller
 * that could not claim it is told. The memory store applies `mayClaim()` as written; the DynamoDB store sends
 * `claimConditionExpression`, the same three clauses in DynamoDB's condition language.
 *
 * A key's life:  (absent) --claim--> IN_PROGRESS --complete--> COMPLETED --expiresAtMs--> (counts as absent)
 *                                        |--release (the work failed)--> (absent)
 *                                        |--inProgressUntilMs passes (the invocation died)--> (may be claimed again)
 */

export type RecordStatus = 'IN_PROGRESS' | 'COMPLETED'

/** One idempotency record, as both stores keep it. Times in epoch milliseconds. */
export interface IdempotencyRecord {
  /** Scope (the function name) + `#` + the SHA-256 of the key. */
  readonly id: string
  readonly status: RecordStatus
  /**
   * After this the record no longer counts and the key runs again. DynamoDB's TTL (`ttlEpochSeconds`, derived from
   * it) deletes the item later, up to days later, so the rules never rely on the deletion.
   */
  readonly expiresAtMs: number
  /** IN_PROGRESS: the claim holds until then (the claiming invocation's deadline). */
  readonly inProgressUntilMs: number | undefined
  /** SHA-256 of the payload the key was first seen with; undefined when payloads are not compared. */
  readonly payloadHash: string | undefined
  /** COMPLETED: the stored result, as written by `encodeResult()`. */
  readonly result: string | undefined
  /** Random per claim: only the invocation holding the claim completes or releases it. */
  readonly claimToken: string
}

// --- The claim rule: a conditional write succeeds when ONE of these holds for the record in the way. ---

/** Key absent: never seen, released after a failure, or deleted by TTL. */
function keyAbsent(record: IdempotencyRecord | undefined): record is undefined {
  return record === undefined
}

/** Record expired: past `expiresAtMs` though TTL has not deleted it yet (TTL deletion lags). */
function recordExpired(record: IdempotencyRecord, nowMs: number): boolean {
  return record.expiresAtMs < nowMs
}

/**
 * In-progress claim past its deadline: the invocation that claimed it was killed or timed out without completing
 * or releasing it, so nobody is running the work any more.
 */
function inProgressPastDeadline(record: IdempotencyRecord, nowMs: number): boolean {
  return (
    record.status === 'IN_PROGRESS' &&
    record.inProgressUntilMs !== undefined &&
    record.inProgressUntilMs < nowMs
  )
}

/** Whether a claim on a key whose current record is `record` succeeds at `nowMs`. */
export function mayClaim(record: IdempotencyRecord | undefined, nowMs: number): boolean {
  return keyAbsent(record) || recordExpired(record, nowMs) || inProgressPastDeadline(record, nowMs)
}

/** Attribute names the condition uses (`status` is a DynamoDB reserved word, so every name goes through one). */
export const claimConditionNames = {
  '#id': 'id',
  '#status': 'status',
  '#expiresAtMs': 'expiresAtMs',
  '#inProgressUntilMs': 'inProgressUntilMs',
} as const

/** `mayClaim()` in DynamoDB's condition language, clause for clause; `:nowMs` and `:inProgress` are bound. */
export const claimConditionExpression = /* @__PURE__ */ [
  /* key absent */ 'attribute_not_exists(#id)',
  /* record expired */ '#expiresAtMs < :nowMs',
  /* in-progress claim past its deadline */ '(#status = :inProgress AND #inProgressUntilMs < :nowMs)',
].join(' OR ')

// --- What a caller that could not claim the key is told. ---

export type Verdict =
  /** The record went away or became claimable since the claim failed: try the claim again. */
  | { readonly kind: 'claimable' }
  /** Same key, another payload: never answer with the other payload's result. */
  | { readonly kind: 'payload-mismatch' }
  /** Someone is running it now; try again after `retryAfterMs`. */
  | { readonly kind: 'in-progress'; readonly retryAfterMs: number }
  /** Done before: answer with its result. */
  | { readonly kind: 'completed'; readonly result: string }

export function judge(
  record: IdempotencyRecord | undefined,
  payloadHash: string | undefined,
  nowMs: number,
): Verdict {
  if (mayClaim(record, nowMs)) return { kind: 'claimable' }
  const found = record as IdempotencyRecord
  if (found.payloadHash !== undefined && payloadHash !== undefined && found.payloadHash !== payloadHash) {
    return { kind: 'payload-mismatch' }
  }
  if (found.status === 'COMPLETED') return { kind: 'completed', result: found.result ?? '{}' }
  return { kind: 'in-progress', retryAfterMs: Math.max(0, (found.inProgressUntilMs ?? nowMs) - nowMs) }
}
