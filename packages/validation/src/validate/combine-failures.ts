import { ValidationError } from '../errors/validation-error.js'
import { withoutStack } from '../errors/without-stack.js'
import { defaultMaxIssues } from '../schema/validation-issue.js'
import type { PartFailure } from './part-failure.js'

/**
 * One error for every part that failed. A payload that could not be read at all (400, 415) is reported alone: its
 * sender has to fix that first, and issues of the other parts would only distract. Otherwise (422) every part's
 * issues are reported together, so the client fixes them in one round trip.
 */
export function combineFailures(
  failures: readonly PartFailure[],
  maxIssues = defaultMaxIssues,
): ValidationError {
  const unreadable = failures.filter((failure) => failure.status !== 422)
  const reported = unreadable.length > 0 ? unreadable : failures
  const [first] = reported
  const summary =
    reported.length === 1 && first !== undefined
      ? first.summary
      : `${listParts(reported.map((failure) => failure.part))} failed validation`
  // Each part kept at most maxIssues; together they keep no more either.
  const all = reported.flatMap((failure) => failure.issues)
  const issues = all.length > maxIssues ? all.slice(0, maxIssues) : all
  let omittedIssues = all.length - issues.length
  for (const failure of reported) omittedIssues += failure.omittedIssues
  return withoutStack(
    () => new ValidationError(summary, issues, { status: unreadable[0]?.status ?? 422, omittedIssues }),
  )
}

function listParts(parts: readonly string[]): string {
  return parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`
}
