import { errorBrand, TsumikiError } from '@tsumiki/core'

const brand = /* @__PURE__ */ errorBrand<LocalRuntimeError>('LocalRuntimeError')

export type LocalRuntimeErrorCode =
  /** `mode: 'ric'` was asked for, but aws-lambda-ric is not installed or its native part was not built. */
  | 'RUNTIME_CLIENT_UNAVAILABLE'
  /** The event cannot be sent as JSON (a BigInt, a cycle). */
  | 'INVALID_EVENT'
  /** `invoke()` after `stop()`. */
  | 'RUNTIME_STOPPED'
  /** The local Runtime API server or the child process could not start. */
  | 'RUNTIME_START_FAILED'

/** An error of the local runtime itself, never of the function it runs (those come back as `invocation.error`). */
export class LocalRuntimeError extends TsumikiError {
  override readonly name: string = 'LocalRuntimeError'
  declare readonly code: LocalRuntimeErrorCode

  constructor(code: LocalRuntimeErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options)
    brand.mark(this)
  }
}

export function isLocalRuntimeError(error: unknown): error is LocalRuntimeError {
  return brand.is(error)
}
