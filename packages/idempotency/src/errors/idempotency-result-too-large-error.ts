import { errorBrand, TsumikiError } from '@tsumiki/core'

const brand = /* @__PURE__ */ errorBrand<IdempotencyResultTooLargeError>('IdempotencyResultTooLargeError')

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
    brand.mark(this)
  }
}

export function isIdempotencyResultTooLargeError(error: unknown): error is IdempotencyResultTooLargeError {
  return brand.is(error)
}
