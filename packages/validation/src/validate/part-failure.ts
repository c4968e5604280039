import type { ValidationStatus } from '../errors/validation-error.js'
import type { ValidationIssue } from '../schema/validation-issue.js'

/**
 * One part's failed check, returned rather than thrown so that every part of a request is checked and the client
 * hears about all its mistakes at once. A class, so a check's result is told apart with one `instanceof`.
 */
export class PartFailure {
  readonly part: string
  readonly status: ValidationStatus
  /** For the client: `body is not valid JSON`, `body failed validation`. */
  readonly summary: string
  readonly issues: readonly ValidationIssue[]
  /** How many more issues the schema found than `issues` holds. */
  readonly omittedIssues: number

  constructor(
    part: string,
    status: ValidationStatus,
    summary: string,
    issues: readonly ValidationIssue[],
    omittedIssues = 0,
  ) {
    this.part = part
    this.status = status
    this.summary = summary
    this.issues = issues
    this.omittedIssues = omittedIssues
  }
}

/** A payload that could not be read (400), with the one issue that says where. */
export function malformed(part: string, summary: string, issue: string): PartFailure {
  return new PartFailure(part, 400, summary, [{ path: part, message: issue }])
}
