import {
  checkOptions,
  InvalidOptionError,
  isPromiseLike,
  type Middleware,
  type OptionRules,
  oneOf,
  standardSchema,
  wholeNumber,
} from '@tsumiki/core'
import { defaultMaxDepth } from '../body/json-depth.js'
import { type BodyEnvelope, type BodyFormat, bodyReader } from '../body/parse-body.js'
import { type Checked, runSchema } from '../schema/run-schema.js'
import { defaultMaxIssues } from '../schema/validation-issue.js'
import { outputChecker } from './check-output.js'
import { combineFailures } from './combine-failures.js'
import { PartFailure } from './part-failure.js'
import {
  type InputPart,
  inputParts,
  type OnlyKnownParts,
  type PartsRead,
  type PartsValidated,
  type ValidationSchemas,
} from './parts.js'
import { readsText } from './reads-text.js'

export interface ValidateOptions {
  /**
   * How a text `body` is read before its schema sees it. `'auto'` (default): on HTTP by content type (JSON for
   * `application/json`, `+json` or none, a form for `application/x-www-form-urlencoded`, the text otherwise if the
   * schema takes a string, else a 415), on SQS, SNS and Kinesis as JSON. `'json'`, `'form'` or `'text'` force one
   * reading whatever the content type.
   */
  readonly bodyFormat?: BodyFormat | undefined
  /**
   * The wrapper around the payload in `body`, taken off before the schema sees it: `'sns'` for SNS notifications
   * delivered through SQS (without raw message delivery), `'eventbridge'` for EventBridge events sent to SQS.
   */
  readonly envelope?: BodyEnvelope | undefined
  /**
   * How many issues a 4xx body (and its log line) lists; the rest are counted in `omittedIssues`. Default 20: a
   * body of 100,000 wrong items must not make an answer over Lambda's 6 MB response limit.
   */
  readonly maxIssues?: number | undefined
  /**
   * How deep a JSON body may nest objects and arrays. Deeper is a 400 naming the limit, before any schema runs (a
   * recursive schema would overflow the stack). Default 64.
   */
  readonly maxDepth?: number | undefined
}

/** One input part's check: read the field, parse it if it is the body, run its schema. */
interface PartCheck {
  readonly part: InputPart
  readonly run: (request: Record<string, unknown>) => Checked | Promise<Checked>
}

/** The middleware as it runs; `validate()` gives it its precise type once. */
interface ValidateMiddleware {
  readonly name: string
  readonly handle: (request: Record<string, unknown>, next: (added?: object) => unknown) => unknown
}

/**
 * Checks request fields against zod or any Standard Schema v1 schemas and hands the layers inside the schemas'
 * outputs on `request.input`: after `.use(validate({ body: Order }))`, `request.input.body` is
 * `z.output<typeof Order>`, while `request.body` stays the text the client sent.
 *
 * A bad request is a `ValidationError`: on HTTP a 400 (the body is not JSON) or 422 (the schema refused it) with
 * every issue's path and message; on other sources it fails the request or record. `output` checks the handler's
 * result: a failure there is our bug, an `OutputValidationError` that HTTP answers with a generic 500.
 */
export function validate<TSchemas extends ValidationSchemas>(
  schemas: TSchemas & OnlyKnownParts<TSchemas>,
  options: ValidateOptions = {},
): Middleware<PartsRead<TSchemas>, PartsValidated<TSchemas>> {
  checkSchemas(schemas)
  checkOptions<ValidateOptions>('validate()', options, {
    bodyFormat: oneOf('auto', 'json', 'form', 'text'),
    envelope: oneOf('sns', 'eventbridge'),
    maxIssues: wholeNumber(1),
    maxDepth: wholeNumber(1),
  })
  const maxIssues = options.maxIssues ?? defaultMaxIssues
  const checks = inputChecks(schemas, options, maxIssues)
  const checkOutput = schemas.output === undefined ? undefined : outputChecker(schemas.output, maxIssues)
  if (checks.length === 0 && checkOutput === undefined) {
    throw new InvalidOptionError(
      'validate()',
      'schemas',
      'at least one schema, e.g. validate({ body: OrderSchema })',
      schemas,
    )
  }

  // Runs once every input part is checked: throws for bad input, else passes the checked values inward and, with
  // an output schema, checks what comes back.
  function proceed(outcomes: readonly Checked[], next: (added?: object) => unknown): unknown {
    let failures: PartFailure[] | undefined
    // No input parts (output only): nothing to hand on, and the engine skips the merge.
    const added: Record<string, unknown> | undefined = outcomes.length === 0 ? undefined : {}
    for (let index = 0; index < outcomes.length; index++) {
      const outcome = outcomes[index] as Checked
      if (outcome instanceof PartFailure) {
        failures ??= []
        failures.push(outcome)
      } else if (added !== undefined) {
        added[(checks[index] as PartCheck).part] = outcome.value
      }
    }
    if (failures !== undefined) throw combineFailures(failures, maxIssues)
    const result = next(added === undefined ? undefined : { input: added })
    if (checkOutput === undefined) return result
    return isPromiseLike(result) ? Promise.resolve(result).then(checkOutput) : checkOutput(result)
  }

  const runtime: ValidateMiddleware = {
    name: 'validate',
    handle(request, next) {
      const outcomes: (Checked | Promise<Checked>)[] = []
      let pending = false
      for (const check of checks) {
        const outcome = check.run(request)
        if (isPromiseLike(outcome)) pending = true
        outcomes.push(outcome)
      }
      // Async schemas run side by side; synchronous ones never meet a promise (no microtask on the fast path).
      return pending
        ? Promise.all(outcomes).then((settled) => proceed(settled, next))
        : proceed(outcomes as Checked[], next)
    },
  }
  // `next` is typed from the schemas the caller gave; at run time it is the engine's one `next(added?)`.
  return runtime as unknown as Middleware<PartsRead<TSchemas>, PartsValidated<TSchemas>>
}

/** The input parts' checks, in a fixed order (so issues come out in the same order for every request). */
function inputChecks(schemas: ValidationSchemas, options: ValidateOptions, maxIssues: number): PartCheck[] {
  const bodyFormat = options.bodyFormat ?? 'auto'
  if ((options.envelope !== undefined || options.bodyFormat !== undefined) && schemas.body === undefined) {
    const option = options.envelope === undefined ? 'bodyFormat' : 'envelope'
    throw new InvalidOptionError(
      'validate()',
      option,
      'left out when there is no body schema',
      options[option],
    )
  }
  const maxDepth = options.maxDepth ?? defaultMaxDepth
  const checks: PartCheck[] = []
  for (const part of inputParts) {
    const schema = schemas[part]
    if (schema === undefined) continue
    const standard = schema['~standard']
    if (part === 'body') {
      const readBody = bodyReader(bodyFormat, options.envelope, { maxDepth, readsText: readsText(standard) })
      checks.push({
        part,
        run(request) {
          const input = readBody(request)
          return input instanceof PartFailure ? input : runSchema(part, standard, input, maxIssues)
        },
      })
    } else {
      checks.push({ part, run: (request) => runSchema(part, standard, request[part], maxIssues) })
    }
  }
  return checks
}

/**
 * The schemas by part: a part no request has is refused by name (`path`, with where path parameters are), and every
 * value must be a Standard Schema. `schemas` takes the place `options` has for other factories.
 */
function checkSchemas(schemas: ValidationSchemas): void {
  if (typeof schemas === 'object' && schemas !== null && Object.hasOwn(schemas, 'path')) {
    throw new InvalidOptionError(
      'validate()',
      'path',
      "one of the parts; path parameters are 'pathParams' (request.path is the URL path)",
      'an unknown option',
    )
  }
  const rules: Record<string, typeof standardSchema> = {}
  for (const part of [...inputParts, 'output']) rules[part] = standardSchema
  checkOptions('validate()', schemas, rules as OptionRules<ValidationSchemas>)
}
