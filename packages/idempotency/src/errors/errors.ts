import { errorBrand, HttpError, TsumikiError } from '@tsumiki/core'

const inProgressBrand = /* @__PURE__ */ errorBrand<IdempotencyInProgressError>('IdempotencyInProgressError')
const payloadMismatchBrand = /* @__PURE__ */ errorBrand<IdempotencyPayloadMismatchError>(
  'IdempotencyPayloadMismatchError',
)
const keyMissingBrand = /* @__PURE__ */ errorBrand<IdempotencyKeyMissingError>('IdempotencyKeyMissingError')
const resultTooLargeBrand = /* @__PURE__ */ errorBrand<IdempotencyResultTooLargeError>(
  'IdempotencyResultTooLargeError',
)

/**
 * Another invocation holds the key and has not finished. HTTP: 409 with `Retry-After`; in a batch the record fails
 * and the queue delivers it again later.
 */
export class IdempotencyInProgressError extends HttpError {
  override readonly name = 'IdempotencyInProgressError'
  override readonly code = 'IDEMPOTENCY_IN_PROGRESS'
  /** When the claim held by the other invocation runs out, from now. */
  readonly retryAfterMs: number

  constructor(retryAfterMs: number) {
    const retryAfterSeconds = Math.max(1, Math.ceil(retryAfterMs / 1000))
    super(409, `This request is already being processed; retry after ${retryAfterSeconds} s`, {
      type: 'idempotency_in_progress',
      headers: { 'retry-after': String(retryAfterSeconds) },
    })
    this.retryAfterMs = retryAfterMs
    inProgressBrand.mark(this)
  }
}

/** The key was first used with another payload: its result is not this request's answer. HTTP: 422. */
export class IdempotencyPayloadMismatchError extends HttpError {
  override readonly name = 'IdempotencyPayloadMismatchError'
  override readonly code = 'IDEMPOTENCY_PAYLOAD_MISMATCH'

  constructor() {
    super(422, 'This idempotency key was already used with a different request payload', {
      type: 'idempotency_payload_mismatch',
    })
    payloadMismatchBrand.mark(this)
  }
}

/**
 * No key to record the request under: an HTTP request without the `Idempotency-Key` header, or a `key()` that
 * returned nothing. Never a shared record. HTTP: 400 naming the header.
 */
export class IdempotencyKeyMissingError extends HttpError {
  override readonly name = 'IdempotencyKeyMissingError'
  override readonly code = 'IDEMPOTENCY_KEY_MISSING'

  constructor(message: string, header?: string) {
    super(400, message, {
      type: 'idempotency_key_missing',
      ...(header === undefined ? {} : { details: { header } }),
    })
    keyMissingBrand.mark(this)
  }
}

/**
 * The result makes a record larger than the store keeps (DynamoDB: an item of 400 KB). The claim was released, so
 * nothing half-written remains.
 */
export class IdempotencyResultTooLargeError extends TsumikiError {
  override readonly name = 'IdempotencyResultTooLargeError'
  readonly itemBytes: number
  readonly maxItemBytes: number

  constructor(itemBytes: number, maxItemBytes: number) {
    super(
      'IDEMPOTENCY_RESULT_TOO_LARGE',
      `The result makes an idempotency record of ${itemBytes} bytes; the store keeps at most ${maxItemBytes} ` +
        '(a DynamoDB item holds 400 KB). ' +
        'Return less (an id to fetch the rest by), or store the result elsewhere',
    )
    this.itemBytes = itemBytes
    this.maxItemBytes = maxItemBytes
    resultTooLargeBrand.mark(this)
  }
}

export function isIdempotencyInProgressError(error: unknown): error is IdempotencyInProgressError {
  return inProgressBrand.is(error)
}

export function isIdempotencyPayloadMismatchError(error: unknown): error is IdempotencyPayloadMismatchError {
  return payloadMismatchBrand.is(error)
}

export function isIdempotencyKeyMissingError(error: unknown): error is IdempotencyKeyMissingError {
  return keyMissingBrand.is(error)
}

export function isIdempotencyResultTooLargeError(error: unknown): error is IdempotencyResultTooLargeError {
  return resultTooLargeBrand.is(error)
}
