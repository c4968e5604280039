import { isPromiseLike } from '@tsumiki/core'
import { PartFailure } from './part-failure.js'
import type { StandardSchemaV1 } from './standard-schema.js'
import { toValidationIssues } from './validation-issue.js'

/** A part's checked value (the schema's own success result, reused as is) or why it failed. */
export type Checked = StandardSchemaV1.SuccessResult<unknown> | PartFailure

/**
 * Runs one schema on one part's input. A synchronous schema (most are) gives a synchronous result: no promise, no
 * microtask; an async one (zod's async refinements, valibot's `*Async` schemas) gives a promise.
 */
export function runSchema(
  part: string,
  standard: StandardSchemaV1.Props,
  input: unknown,
): Checked | Promise<Checked> {
  const result = standard.validate(input)
  return isPromiseLike(result)
    ? Promise.resolve(result).then((settled) => settle(part, input, settled))
    : settle(part, input, result)
}

function settle(part: string, input: unknown, result: StandardSchemaV1.Result<unknown>): Checked {
  // The spec: a falsy `issues` means success.
  if (!result.issues) return result
  return new PartFailure(
    part,
    422,
    `${part} failed validation`,
    toValidationIssues(part, result.issues, input),
  )
}
