import { errorBrand } from './brand.js'
import { TsumikiError } from './tsumiki-error.js'

const brand = /* @__PURE__ */ errorBrand<InvalidEventError>('InvalidEventError')

/** The event is not of the shape the adapter handles: the function is wired to the wrong source. */
export class InvalidEventError extends TsumikiError {
  override readonly name: string = 'InvalidEventError'
  readonly adapter: string

  constructor(adapter: string, reason: string) {
    super('INVALID_EVENT', `The ${adapter} adapter received an event it cannot read: ${reason}`)
    this.adapter = adapter
    brand.mark(this)
  }
}

export function isInvalidEventError(error: unknown): error is InvalidEventError {
  return brand.is(error)
}
