import { TsumikiError } from './tsumiki-error.js'

/** The invocation reached its deadline guard before the handler finished. HTTP sources answer 504. */
export class DeadlineExceededError extends TsumikiError {
  override readonly name: string = 'DeadlineExceededError'
  readonly marginMs: number

  constructor(marginMs: number) {
    super(
      'DEADLINE_EXCEEDED',
      `The handler was still running ${marginMs} ms before the Lambda timeout; it was cut short so the response and logs get out in time`,
    )
    this.marginMs = marginMs
  }
}
