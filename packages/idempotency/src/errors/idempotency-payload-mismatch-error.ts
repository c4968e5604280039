import { errorBrand, HttpError } from '@tsumiki/core'

const brand = /* @__PURE__ */ errorBrand<IdempotencyPayloadMismatchError>('IdempotencyPayloadMismatchError')

/** The key was first used with another payload: its result is not this request's answer. HTTP: 422. */
export class IdempotencyPayloadMismatchError extends HttpError {
  override readonly name = 'IdempotencyPayloadMismatchError'
  override readonly code = 'IDEMPOTENCY_PAYLOAD_MISMATCH'

  constructor() {
    super(422, 'This idempotency key was already used with a different request payload', {
      type: 'idempotency_payload_mismatch',
    })
    brand.mark(this)
  }
}

export function isIdempotencyPayloadMismatchError(error: unknown): error is IdempotencyPayloadMismatchError {
  return brand.is(error)
}
