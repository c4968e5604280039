import { isPromiseLike } from '@tsumiki/core'
import { SchemaFailedError } from '../errors/schema-failed-error.js'
import { PartFailure } from '../validate/part-failure.js'
import type { StandardSchemaV1 } from './standard-schema.js'
import { defaultMaxIssues, toValidationIssues } from './validation-issue.js'

/** A part's checked value (the schema's own success result, reused as is) or why it failed. */
export type Checked = StandardSchemaV1.SuccessResult<unknown> | PartFailure

/**
 * Runs one schema on one part's input. A synchronous schema (most are) gives a synchronous result: no promise, no
 * microtask; an async one (zod's async refinements, valibot's `*Async` schemas) gives a promise. A schema that
 * throws or rejects is a `SchemaFailedError`; of its issues, the first `maxIssues` are kept.
 */
export function runSchema(
  part: string,
  standard: StandardSchemaV1.Props,
  input: unknown,
  maxIssues = defaultMaxIssues,
): Checked | Promise<Checked> {
  let result: StandardSchemaV1.Result<unknown> | PromiseLike<StandardSchemaV1.Result<unknown>>
  try {
    result = standard.validate(input)
  } catch (thrown) {
    throw new SchemaFailedError(part, thrown)
  }
  return isPromiseLike(result)
    ? Promise.resolve(result).then(
        (settled) => settle(part, input, settled, maxIssues),
        (thrown: unknown) => {
          throw new SchemaFailedError(part, thrown)
        },
      )
    : settle(part, input, result, maxIssues)
}

function settle(
  part: string,
  input: unknown,
  result: StandardSchemaV1.Result<unknown>,
  maxIssues: number,
): Checked {
  // The spec: a falsy `issues` means success.
  if (!result.issues) return result
  const { issues } = result
  return new PartFailure(
    part,
    422,
    `${part} failed validation`,
    toValidationIssues(part, issues, input, maxIssues),
    Math.max(0, issues.length - maxIssues),
  )
}
