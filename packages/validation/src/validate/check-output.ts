import { isHttpReply, isPromiseLike, reply } from '@tsumiki/core'
import { OutputValidationError } from '../errors/output-validation-error.js'
import { type Checked, runSchema } from '../schema/run-schema.js'
import type { StandardSchemaV1 } from '../schema/standard-schema.js'
import { PartFailure } from './part-failure.js'

/**
 * Makes the check of a handler's result. The result that continues is the schema's output, so an object schema's
 * stripping of unknown keys keeps internal fields out of the response. For an HTTP `reply()` the schema describes
 * the body, and the reply keeps its status, headers and cookies.
 */
export function outputChecker(schema: StandardSchemaV1, maxIssues: number): (result: unknown) => unknown {
  const standard = schema['~standard']
  return function checkOutput(result) {
    if (!isHttpReply(result)) return settle(runSchema('output', standard, result, maxIssues), unwrap)
    return settle(runSchema('output', standard, result.body, maxIssues), (checked) =>
      reply({
        status: result.status,
        headers: result.headers,
        cookies: result.cookies,
        body: unwrap(checked),
      }),
    )
  }
}

function settle(checked: Checked | Promise<Checked>, done: (checked: Checked) => unknown): unknown {
  return isPromiseLike(checked) ? Promise.resolve(checked).then(done) : done(checked)
}

function unwrap(checked: Checked): unknown {
  if (checked instanceof PartFailure) throw new OutputValidationError(checked.issues, checked.omittedIssues)
  return checked.value
}
