import { errorBrand, HttpError } from '@tsumiki/core'

const brand = /* @__PURE__ */ errorBrand<IdempotencyKeyMissingError>('IdempotencyKeyMissingError')

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
    brand.mark(this)
  }
}

export function isIdempotencyKeyMissingError(error: unknown): error is IdempotencyKeyMissingError {
  return brand.is(error)
}
