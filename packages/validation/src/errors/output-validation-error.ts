import { errorBrand, TsumikiError } from '@tsumiki/core'
import { describeIssues, type ValidationIssue } from '../schema/validation-issue.js'

const brand = /* @__PURE__ */ errorBrand<OutputValidationError>('OutputValidationError')

/**
 * The handler returned something its output schema refuses: a bug on our side, not the client's. It is not an
 * `HttpError`, so HTTP adapters answer a generic 500 and log it; the issues are in its message and `issues`, for
 * the log only.
 */
export class OutputValidationError extends TsumikiError {
  override readonly name: string = 'OutputValidationError'
  readonly issues: readonly ValidationIssue[]
  /** How many more issues there were than `issues` holds. */
  readonly omittedIssues: number

  constructor(issues: readonly ValidationIssue[], omittedIssues = 0) {
    super(
      'OUTPUT_VALIDATION_FAILED',
      `The handler's output failed validation: ${describeIssues(issues, omittedIssues)}`,
    )
    this.issues = issues
    this.omittedIssues = omittedIssues
    brand.mark(this)
  }
}

export function isOutputValidationError(error: unknown): error is OutputValidationError {
  return brand.is(error)
}
