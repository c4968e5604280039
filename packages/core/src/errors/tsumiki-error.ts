import { brandOf, hasBrand } from './brand.js'

const brand = /* @__PURE__ */ brandOf('error')

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
    // Stryker disable next-line ObjectLiteral,BooleanLiteral: a brand is recognised by its presence (hasBrand), not its value
    Object.defineProperty(this, brand, { value: true })
  }
}

export function isTsumikiError(error: unknown): error is TsumikiError {
  return hasBrand(error, brand)
}
