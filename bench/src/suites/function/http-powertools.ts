import { randomUUID } from 'node:crypto'
import { NotFoundError, Router, UnauthorizedError } from '@aws-lambda-powertools/event-handler/http'
import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency'
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb'
import { Logger } from '@aws-lambda-powertools/logger'
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware'
import { getSecret } from '@aws-lambda-powertools/parameters/secrets'
import { getParameter } from '@aws-lambda-powertools/parameters/ssm'
import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import middy from '@middy/core'
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda'
import {
  apiKeySecret,
  findOrder,
  idempotencyTableFromEnv,
  type Order,
  OrderInput,
  parametersMaxAgeMs,
  saveOrder,
  tableParameter,
} from './shared.js'

/**
 * (c) Middy + Powertools: the event handler's Router with its zod request validation, Logger with
 * `injectLambdaContext`, `getParameter` / `getSecret` (kept 5 minutes, as tsumiki's default, instead of
 * Powertools' default 5 seconds) and `makeIdempotent` around the order creation, keyed on the Idempotency-Key
 * header, so it runs after validation as in the other two.
 */
const logger = new Logger({ serviceName: 'orders' })
const orders = new DynamoDBClient({})
const idempotencyConfig = new IdempotencyConfig({ eventKeyJmesPath: 'key', expiresAfterSeconds: 3600 })

const config = async () => {
  const [table, apiKey] = await Promise.all([
    getParameter(tableParameter, { maxAge: parametersMaxAgeMs / 1000 }),
    getSecret(apiKeySecret, { maxAge: parametersMaxAgeMs / 1000 }),
  ])
  return { table: table ?? '', apiKey: String(apiKey ?? '') }
}

const placeOrder = makeIdempotent(
  async (request: { key: string; table: string; input: OrderInput }): Promise<Order> =>
    saveOrder(orders, request.table, { id: randomUUID(), ...request.input }),
  {
    persistenceStore: new DynamoDBPersistenceLayer({ tableName: idempotencyTableFromEnv() }),
    config: idempotencyConfig,
  },
)

const app = new Router({ logger })

app.post(
  '/orders',
  async ({ req, valid }) => {
    const { table, apiKey } = await config()
    if (req.headers.get('x-api-key') !== apiKey) throw new UnauthorizedError('Bad API key')
    const order = await placeOrder({
      key: req.headers.get('idempotency-key') ?? '',
      table,
      input: valid.req.body,
    })
    logger.info('order placed', { orderId: order.id, qty: order.qty })
    return { statusCode: 201, headers: { location: `/orders/${order.id}` }, body: { ...order } }
  },
  { validation: { req: { body: OrderInput } } },
)

app.get('/orders/:id', async ({ req, params }) => {
  const { table, apiKey } = await config()
  if (req.headers.get('x-api-key') !== apiKey) throw new UnauthorizedError('Bad API key')
  const order = await findOrder(orders, table, params.id ?? '')
  if (order === undefined) throw new NotFoundError(`No order ${params.id}`)
  return { ...order }
})

export const handler = middy(async (event: APIGatewayProxyEventV2, context: Context) => {
  idempotencyConfig.registerLambdaContext(context)
  return app.resolve(event, context)
}).use(injectLambdaContext(logger)) as unknown as (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>
