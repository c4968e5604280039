import { errorBrand, TsumikiError } from '@tsumiki/core'

const brand = /* @__PURE__ */ errorBrand<InvalidMetricError>('InvalidMetricError')

/**
 * A metric, dimension or metadata entry CloudWatch would drop without a word (an empty or over-long name, a value
 * that is not a finite number, an unknown unit, a 31st dimension, a name used for two things in one line): refused
 * where it is added, so the code that added it fails and says why, instead of the metric going missing.
 */
export class InvalidMetricError extends TsumikiError {
  override readonly name: string = 'InvalidMetricError'

  constructor(message: string) {
    super('INVALID_METRIC', message)
    brand.mark(this)
  }
}

export function isInvalidMetricError(error: unknown): error is InvalidMetricError {
  return brand.is(error)
}
