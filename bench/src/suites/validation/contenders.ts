import { ApiGatewayV2Envelope } from '@aws-lambda-powertools/parser/envelopes'
import { JSONStringified } from '@aws-lambda-powertools/parser/helpers'
import { parser } from '@aws-lambda-powertools/parser/middleware'
import middy from '@middy/core'
import validator from '@middy/validator'
import { transpileSchema } from '@middy/validator/transpile'
import { apiGatewayV2, lambda } from '@tsumiki/core'
import { validate } from '@tsumiki/validation'
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda'
import type { z } from 'zod'
import { eventJsonSchema, okHeaders, ZodOrder } from './fixtures.js'

export type HttpHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<unknown>

type Order = z.output<typeof ZodOrder>

function answer(order: Pick<Order, 'id'>): APIGatewayProxyStructuredResultV2 {
  return { statusCode: 200, headers: okHeaders, body: JSON.stringify({ id: order.id }) }
}

/**
 * The baseline: the job with no framework and no validation, as a bare handler would do it: parse the body, answer
 * with the order's id. Every contender's overhead is what it costs on top of this.
 */
export const bareHandler: HttpHandler = async (event) => answer(JSON.parse(event.body ?? '') as Order)

/** tsumiki: the HTTP adapter reads the request, `validate()` parses and checks the body, the adapter answers. */
export function tsumikiHandler(): HttpHandler {
  return lambda(apiGatewayV2())
    .use(validate({ body: ZodOrder }))
    .handle((request) => ({ id: request.input.body.id }))
}

/**
 * Middy + @middy/validator (ajv, schema compiled once at module load with its `transpileSchema` defaults). A `before`
 * hook parses the body the way @middy/http-json-body-parser does (replacing `event.body` with the parsed JSON)
 * but without its content-type checks, so Middy does the least work. Without @middy/http-error-handler an
 * invalid event rejects the invocation with the validator's 400 error.
 */
export function middyValidatorHandler(): HttpHandler {
  const eventSchema = transpileSchema(eventJsonSchema)
  return middy(async (event: APIGatewayProxyEventV2 & { body: Order }) => answer(event.body))
    .before((request) => {
      const event = request.event as { body: unknown }
      if (typeof event.body === 'string') event.body = JSON.parse(event.body)
    })
    .use(validator({ eventSchema })) as unknown as HttpHandler
}

/**
 * Middy + Powertools' parser middleware with its HTTP API envelope and `JSONStringified` helper, as its docs show
 * for a JSON body: it validates the whole event against its API Gateway v2 schema with the order as the body. An
 * invalid event rejects the invocation with its `ParseError` (no error handler configured).
 */
export function powertoolsParserHandler(): HttpHandler {
  return middy(async (order: Order) => answer(order)).use(
    parser({ schema: JSONStringified(ZodOrder), envelope: ApiGatewayV2Envelope }),
  ) as unknown as HttpHandler
}
