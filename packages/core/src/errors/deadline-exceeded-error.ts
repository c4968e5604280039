import { errorBrand } from './brand.js'
import { TsumikiError } from './tsumiki-error.js'

const brand = /* @__PURE__ */ errorBrand<DeadlineExceededError>('DeadlineExceededError')

/** The invocation reached its deadline guard before the chain finished. HTTP sources answer 504. */
export class DeadlineExceededError extends TsumikiError {
  override readonly name: string = 'DeadlineExceededError'
  /** The guard's margin: how long before Lambda's timeout it fires. */
  readonly marginMs: number
  /** How much time was really left when it fired (timers fire late on a busy process). */
  readonly remainingMs: number

  constructor(marginMs: number, remainingMs: number = marginMs) {
    super(
      'DEADLINE_EXCEEDED',
      `The invocation was still running with ${remainingMs} ms left before the Lambda timeout (deadline guard margin ${marginMs} ms); it was cut short so the answer and the logs get out in time`,
    )
    this.marginMs = marginMs
    this.remainingMs = remainingMs
    brand.mark(this)
  }
}

export function isDeadlineExceededError(error: unknown): error is DeadlineExceededError {
  return brand.is(error)
}
