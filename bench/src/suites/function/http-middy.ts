import { randomUUID } from 'node:crypto'
import { IdempotencyConfig } from '@aws-lambda-powertools/idempotency'
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb'
import { makeHandlerIdempotent } from '@aws-lambda-powertools/idempotency/middleware'
import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import middy from '@middy/core'
import httpErrorHandler from '@middy/http-error-handler'
import httpJsonBodyParser from '@middy/http-json-body-parser'
import httpRouterHandler from '@middy/http-router'
import secretsManager from '@middy/secrets-manager'
import ssm from '@middy/ssm'
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda'
import pino from 'pino'
import type { ZodType } from 'zod'
import {
  apiKeySecret,
  findOrder,
  idempotencyTableFromEnv,
  OrderInput,
  saveOrder,
  tableParameter,
} from './shared.js'

/**
 * (b) Middy and its middlewares: @middy/http-router, http-json-body-parser, http-error-handler, @middy/ssm and
 * @middy/secrets-manager (6.4.5, the last on npm; it runs on core 7), zod in a small custom middleware as Middy
 * users write it, pino for logs (Middy has no logger), and Powertools' `makeHandlerIdempotent` middleware (Middy
 * has no idempotency middleware).
 */
interface OrdersContext extends Context {
  readonly table: string
  readonly apiKey: string
}

type Event = Omit<APIGatewayProxyEventV2, 'body'> & { body: unknown }

class HttpFailure extends Error {
  readonly expose = true
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message)
  }
}

const log = pino({ base: { service: 'orders' } })
const orders = new DynamoDBClient({})
const persistenceStore = new DynamoDBPersistenceLayer({ tableName: idempotencyTableFromEnv() })

/** The zod middleware Middy users write: parse `event.body` (already JSON-parsed) or answer 422. */
const zodBody = (schema: ZodType) => ({
  before: (request: { event: Event }) => {
    const parsed = schema.safeParse(request.event.body)
    if (!parsed.success) throw new HttpFailure(422, `Invalid body: ${parsed.error.message}`)
    request.event.body = parsed.data
  },
})

const checkApiKey = (event: Event, context: OrdersContext) => {
  if (event.headers['x-api-key'] !== context.apiKey) throw new HttpFailure(401, 'Bad API key')
}

const postOrder = middy<Event, APIGatewayProxyResultV2, Error, OrdersContext>()
  .use(httpJsonBodyParser())
  .use(zodBody(OrderInput))
  .use(
    makeHandlerIdempotent({
      persistenceStore,
      config: new IdempotencyConfig({
        eventKeyJmesPath: 'headers."idempotency-key"',
        expiresAfterSeconds: 3600,
      }),
    }),
  )
  .handler(async (event, context) => {
    checkApiKey(event, context)
    const body = event.body as unknown as OrderInput
    const order = await saveOrder(orders, context.table, { id: randomUUID(), ...body })
    log.info({ orderId: order.id, qty: order.qty, awsRequestId: context.awsRequestId }, 'order placed')
    return {
      statusCode: 201,
      headers: { 'content-type': 'application/json', location: `/orders/${order.id}` },
      body: JSON.stringify(order),
    }
  })

const getOrder = middy<Event, APIGatewayProxyResultV2, Error, OrdersContext>().handler(
  async (event, context) => {
    checkApiKey(event, context)
    const id = event.pathParameters?.id ?? ''
    const order = await findOrder(orders, context.table, id)
    if (order === undefined) throw new HttpFailure(404, `No order ${id}`)
    return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(order) }
  },
)

export const handler = middy()
  .use(httpErrorHandler())
  .use(ssm({ fetchData: { table: tableParameter }, setToContext: true }))
  .use(secretsManager({ fetchData: { apiKey: apiKeySecret }, setToContext: true }))
  .handler(
    httpRouterHandler([
      { method: 'POST', path: '/orders', handler: postOrder as never },
      { method: 'GET', path: '/orders/{id}', handler: getOrder as never },
    ]) as never,
  ) as unknown as (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyResultV2>
