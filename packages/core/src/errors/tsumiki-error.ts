import { errorBrand } from './brand.js'

const brand = /* @__PURE__ */ errorBrand<TsumikiError>('TsumikiError')

export interface TsumikiErrorOptions {
  readonly cause?: unknown
}

/**
 * Base of every error tsumiki throws. `code` is stable and meant to be switched on; the message is for people.
 * Recognised with `isTsumikiError()` (a global brand, see brand.ts), so copies of a package loaded side by side agree.
 */
export class TsumikiError extends Error {
  override readonly name: string = 'TsumikiError'
  readonly code: string

  constructor(code: string, message: string, options?: TsumikiErrorOptions) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause })
    this.code = code
    brand.mark(this)
  }
}

export function isTsumikiError(error: unknown): error is TsumikiError {
  return brand.is(error)
}
