import { formatIssuePath } from './issue-path.js'
import { redactInput } from './redact-input.js'
import type { StandardSchemaV1 } from './standard-schema.js'

/** One thing wrong with the input, as the client and the logs see it. */
export interface ValidationIssue {
  /** Where, from the request field: `body.items[0].qty`, `query.page`, `headers["x-api-key"]`. */
  readonly path: string
  /** What is wrong, in the schema library's words, with the offending text value taken out. */
  readonly message: string
}

/**
 * How many issues a 4xx body and its log line carry unless `validate({ ... }, { maxIssues })` says otherwise: a
 * 200 KB body of wrong items can make 100,000 issues, an 8 MB answer over Lambda's 6 MB response limit.
 */
export const defaultMaxIssues = 20

/**
 * Turns a schema library's issues into ours: paths written from the part, messages free of the input's text. Only
 * the first `maxIssues` are turned: the rest are counted by the caller, never formatted.
 */
export function toValidationIssues(
  part: string,
  issues: ReadonlyArray<StandardSchemaV1.Issue>,
  input: unknown,
  maxIssues = issues.length,
): ValidationIssue[] {
  const count = Math.min(issues.length, maxIssues)
  const converted: ValidationIssue[] = []
  for (let index = 0; index < count; index++) {
    const issue = issues[index] as StandardSchemaV1.Issue
    converted.push({
      path: formatIssuePath(part, issue.path),
      message: redactInput(String(issue.message), valueAt(input, issue.path)),
    })
  }
  return converted
}

/** Describes issues on one line, for an error message that a log line carries. */
export function describeIssues(issues: readonly ValidationIssue[], omitted = 0, limit = 10): string {
  const shown = issues.slice(0, limit).map((issue) => `${issue.path}: ${issue.message}`)
  const more = Math.max(0, issues.length - limit) + omitted
  if (more > 0) shown.push(`and ${more} more`)
  return shown.join('; ')
}

// Follows own data properties only: the input may be a handler's output, whose getters must not run here.
function valueAt(
  input: unknown,
  path: ReadonlyArray<PropertyKey | StandardSchemaV1.PathSegment> | undefined,
): unknown {
  let value = input
  for (const segment of path ?? []) {
    if (typeof value !== 'object' || value === null) return undefined
    const key = typeof segment === 'object' ? segment.key : segment
    const descriptor = Object.getOwnPropertyDescriptor(value, key)
    value = descriptor !== undefined && 'value' in descriptor ? descriptor.value : undefined
  }
  return value
}
