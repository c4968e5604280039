import { deepStrictEqual, ok, strictEqual } from 'node:assert'
import type { APIGatewayProxyEventV2 } from 'aws-lambda'
import type { Contender, Row, RowResult } from '../harness.js'
import { runSuite } from '../harness.js'
import {
  bareHandler,
  type HttpHandler,
  middyValidatorAnsweringHandler,
  middyValidatorHandler,
  powertoolsParserAnsweringHandler,
  powertoolsParserHandler,
  tsumikiHandler,
  tsumikiLoggedHandler,
} from './validation/contenders.js'
import { context, invalidOrder, largeOrder, orderId, postEvent, validOrder } from './validation/fixtures.js'

/**
 * Validation overhead against Middy's validator (ajv) and Powertools' parser (zod), on the same order schema: a
 * whole HTTP API v2 invocation per call, awaited the same way, with the bare parse-and-answer handler as baseline.
 */

const suiteName = 'validation'

const description = [
  '`lambda(apiGatewayV2()).use(validate({ body: Order }))` (zod 4) against `middy(fn).use(validator({ eventSchema }))`',
  '(@middy/validator 7.7.0, ajv via its `transpileSchema`, body parsed by a `before` hook as',
  '@middy/http-json-body-parser does, without its content-type checks: the least work) and against',
  '`middy(fn).use(parser({ schema: JSONStringified(Order), envelope: ApiGatewayV2Envelope }))` (Powertools parser',
  '2.35.0, zod 4). Same order schema in zod and JSON Schema (uuid id, 1+ items of non-empty sku and integer qty ≥ 1,',
  'optional note). Each call is one whole invocation on a fresh shallow copy of the same HTTP API v2 event (Middy',
  'replaces `event.body` in place); the baseline is a bare handler that `JSON.parse`s the body and answers, so the',
  'overhead is framework + validation.',
  '',
  '- _invalid_: tsumiki answers 422 with the issues; Middy and Powertools reject the invocation with their error',
  '  (no error handler middleware installed: @middy/http-error-handler would add its cost to both).',
  '- _invalid, answered_: the same invalid order as an HTTP client gets it. tsumiki with its logger (the 4xx line',
  '  serialised in full, written nowhere) answers 422 JSON naming each field; the anchors with',
  "  @middy/http-error-handler (no logging) answer Middy's plain-text 400 and, for Powertools' `ParseError`, a 500.",
  '- tsumiki also reads the whole HTTP request (headers, query, cookies) and shapes the response; the anchors do not.',
].join('\n')

const events = {
  valid: postEvent(validOrder),
  large: postEvent(largeOrder),
  invalid: postEvent(invalidOrder),
}

function call(handler: HttpHandler, event: APIGatewayProxyEventV2): Promise<unknown> {
  return handler({ ...event }, context)
}

// An invalid request must settle for every contender; the anchors reject, and the rejection is their error path.
function callRejecting(handler: HttpHandler, event: APIGatewayProxyEventV2): Promise<unknown> {
  return handler({ ...event }, context).catch((error: unknown) => error)
}

async function run(): Promise<RowResult[]> {
  const tsumiki = tsumikiHandler()
  const middyAjv = middyValidatorHandler()
  const powertools = powertoolsParserHandler()
  const baseline: Contender = {
    name: 'bare handler (JSON.parse, no validation)',
    fn: () => call(bareHandler, events.valid),
  }

  const rows: Row[] = []
  for (const [label, event] of [
    ['valid order (1 item)', events.valid],
    ['valid order (50 items)', events.large],
  ] as const) {
    rows.push({
      label,
      contenders: [
        { name: 'tsumiki validate (zod)', fn: () => call(tsumiki, event) },
        { name: '@middy/validator (ajv)', fn: () => call(middyAjv, event) },
        { name: 'Powertools parser (zod)', fn: () => call(powertools, event) },
      ],
    })
  }
  rows.push({
    label: 'invalid order (2 issues)',
    contenders: [
      { name: 'tsumiki validate → 422', fn: () => call(tsumiki, events.invalid) },
      { name: '@middy/validator → throws 400', fn: () => callRejecting(middyAjv, events.invalid) },
      { name: 'Powertools parser → throws', fn: () => callRejecting(powertools, events.invalid) },
    ],
  })

  const tsumikiLogged = tsumikiLoggedHandler()
  const middyAnswering = middyValidatorAnsweringHandler()
  const powertoolsAnswering = powertoolsParserAnsweringHandler()
  rows.push({
    label: 'invalid order, answered (HTTP response)',
    contenders: [
      { name: 'tsumiki validate + logger → 422 JSON', fn: () => call(tsumikiLogged, events.invalid) },
      { name: '@middy/validator + error handler → 400 text', fn: () => call(middyAnswering, events.invalid) },
      {
        name: 'Powertools parser + error handler → 500',
        fn: () => call(powertoolsAnswering, events.invalid),
      },
    ],
  })

  await checkContenders({ tsumiki, middyAjv, powertools })
  await checkAnswers({ tsumikiLogged, middyAnswering, powertoolsAnswering })
  return runSuite(suiteName, description, rows, { baseline })
}

/** Every contender must do what its row promises before it is timed: a benchmark of a broken chain is noise. */
async function checkContenders(
  handlers: Record<'tsumiki' | 'middyAjv' | 'powertools', HttpHandler>,
): Promise<void> {
  for (const [name, handler] of Object.entries(handlers)) {
    for (const event of [events.valid, events.large]) {
      const response = (await call(handler, event)) as { statusCode: number; body: string }
      strictEqual(response.statusCode, 200, `${name} accepts a valid order`)
      deepStrictEqual(JSON.parse(response.body), { id: orderId }, `${name} answers the order id`)
    }
  }
  const refused = (await call(handlers.tsumiki, events.invalid)) as { statusCode: number; body: string }
  strictEqual(refused.statusCode, 422)
  deepStrictEqual(
    JSON.parse(refused.body).error.issues.map((issue: { path: string }) => issue.path),
    ['body.id', 'body.items[0].qty'],
  )
  for (const name of ['middyAjv', 'powertools'] as const) {
    const error = await callRejecting(handlers[name], events.invalid)
    ok(error instanceof Error, `${name} refuses an invalid order`)
  }
  const middyError = (await callRejecting(handlers.middyAjv, events.invalid)) as {
    statusCode?: number
    message: string
  }
  strictEqual(middyError.statusCode, 400)
  strictEqual(middyError.message, 'Event object failed validation')
}

/** The answered row: every contender answers (none rejects), with the status its row label says. */
async function checkAnswers(
  handlers: Record<'tsumikiLogged' | 'middyAnswering' | 'powertoolsAnswering', HttpHandler>,
): Promise<void> {
  const expected = { tsumikiLogged: 422, middyAnswering: 400, powertoolsAnswering: 500 } as const
  for (const [name, status] of Object.entries(expected) as Array<[keyof typeof expected, number]>) {
    const response = (await call(handlers[name], events.invalid)) as { statusCode: number }
    strictEqual(response.statusCode, status, `${name} answers ${status}`)
  }
}

export default { name: suiteName, run }
