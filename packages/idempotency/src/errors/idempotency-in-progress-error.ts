import { errorBrand, HttpError } from '@tsumiki/core'

const brand = /* @__PURE__ */ errorBrand<IdempotencyInProgressError>('IdempotencyInProgressError')

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
    brand.mark(this)
  }
}

export function isIdempotencyInProgressError(error: unknown): error is IdempotencyInProgressError {
  return brand.is(error)
}
