const tsumikiErrorBrand = Symbol.for('tsumiki.error')

export interface TsumikiErrorOptions {
  readonly cause?: unknown
}

/**
 * Base of every error tsumiki throws. `code` is stable and meant to be switched on; the message is for people.
 * Recognised by a global symbol rather than `instanceof`, so an error thrown by one copy of a package (ESM and
 * CJS loaded side by side) is still recognised by another.
 */
export class TsumikiError extends Error {
  override readonly name: string = 'TsumikiError'
  readonly code: string

  constructor(code: string, message: string, options?: TsumikiErrorOptions) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause })
    this.code = code
    Object.defineProperty(this, tsumikiErrorBrand, { value: true })
  }
}

export function isTsumikiError(error: unknown): error is TsumikiError {
  return typeof error === 'object' && error !== null && tsumikiErrorBrand in error
}
