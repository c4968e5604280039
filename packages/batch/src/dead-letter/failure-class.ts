import { errorBrand, TsumikiError } from '@tsumiki/core'

/**
 * `permanent`: the record itself is bad and will fail the same way on every retry (it fails validation, cannot be
 * read). `transient`: anything else (throttling, a timeout, a dependency down), which a retry may fix.
 */
export type FailureClass = 'permanent' | 'transient'

// Not a class: a mark any error can carry, recognised across copies of this package like an error class's brand.
const permanentBrand = /* @__PURE__ */ errorBrand<object>('PermanentFailure')

/** Error codes that say the record itself is bad: @tsumiki/validation's 422 and 400, core's unreadable event. */
const permanentCodes: ReadonlySet<string> = new Set(['VALIDATION_FAILED', 'MALFORMED_INPUT', 'INVALID_EVENT'])

/**
 * Marks an error as permanent: `throw permanent(new Error('unknown product'))`. Returns the same error, so its
 * type, message and stack are kept. A thrown value that is not an object is wrapped in a `TsumikiError` (code
 * `PERMANENT_FAILURE`) with the value as its cause, since a mark cannot be put on a string.
 */
export function permanent<TError>(error: TError): TError extends object ? TError : TsumikiError
export function permanent(error: unknown): unknown {
  const marked =
    typeof error === 'object' && error !== null
      ? error
      : new TsumikiError('PERMANENT_FAILURE', String(error), { cause: error })
  if (Object.isExtensible(marked)) permanentBrand.mark(marked)
  return marked
}

/**
 * True when an error says the record can never succeed: marked with `permanent()`, or with code
 * `VALIDATION_FAILED`, `MALFORMED_INPUT` or `INVALID_EVENT`. Recognises marks from any copy of this package.
 */
export function isPermanentFailure(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false
  if (permanentBrand.is(error)) return true
  const code = (error as { readonly code?: unknown }).code
  return typeof code === 'string' && permanentCodes.has(code)
}

/** Classifies with the built-in rules, then the adapter's `isPermanent` option, which can only add permanence. */
export function failureClassifier(
  isPermanent: ((error: unknown) => boolean) | undefined,
): (error: unknown) => FailureClass {
  return (error) => (isPermanentFailure(error) || isPermanent?.(error) === true ? 'permanent' : 'transient')
}
