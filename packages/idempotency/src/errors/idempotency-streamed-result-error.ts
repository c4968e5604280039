import { errorBrand, TsumikiError } from '@tsumiki/core'

const brand = /* @__PURE__ */ errorBrand<IdempotencyStreamedResultError>('IdempotencyStreamedResultError')

/**
 * The layers inside `idempotent()` answered with a stream (`replyStream()`, `sse()`), which it does not keep: the body
 * runs after the middleware has returned, so "once" cannot cover it, and a duplicate could only be given the same
 * answer by holding the whole body (a DynamoDB item keeps 400 KB; streams are for answers larger or longer than
 * that). The claim was released, so a retry runs again.
 */
export class IdempotencyStreamedResultError extends TsumikiError {
  override readonly name = 'IdempotencyStreamedResultError'

  constructor() {
    super(
      'IDEMPOTENCY_STREAMED_RESULT',
      'idempotent() cannot keep a streamed answer (replyStream(), sse()): a duplicate could not be given the same ' +
        'answer. Use idempotent() on the routes that answer whole, or make the work before the stream idempotent ' +
        'with makeIdempotent()',
    )
    brand.mark(this)
  }
}

export function isIdempotencyStreamedResultError(error: unknown): error is IdempotencyStreamedResultError {
  return brand.is(error)
}
