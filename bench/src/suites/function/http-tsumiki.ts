import { randomUUID } from 'node:crypto'
import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { http, httpErrors, lambda, reply, router } from '@tsumiki/core'
import { idempotent } from '@tsumiki/idempotency'
import { logger } from '@tsumiki/logger'
import { parameters, secret, ssm } from '@tsumiki/parameters'
import { validate } from '@tsumiki/validation'
import {
  apiKeySecret,
  findOrder,
  idempotencyTableFromEnv,
  OrderInput,
  parametersMaxAgeMs,
  saveOrder,
  tableParameter,
} from './shared.js'

/** (a) tsumiki: the HTTP function as the tsumiki READMEs write it. */
const orders = new DynamoDBClient({})

const base = lambda(http())
  .use(logger({ service: 'orders' }))
  .use(
    parameters(
      { table: ssm(tableParameter), apiKey: secret(apiKeySecret) },
      { maxAgeMs: parametersMaxAgeMs },
    ),
  )

export const handler = base.handle(
  router<typeof base>()
    .post('/orders', (route) =>
      route
        .use(validate({ body: OrderInput }))
        .use(idempotent({ table: idempotencyTableFromEnv(), expiresAfterMs: 3_600_000 }))
        .handle(async ({ input: { body }, headers, params, log, signal }) => {
          if (headers['x-api-key'] !== params.apiKey) throw httpErrors.unauthorized('Bad API key')
          const order = await saveOrder(orders, params.table, { id: randomUUID(), ...body }, signal)
          log.info('order placed', { orderId: order.id, qty: order.qty })
          return reply({ status: 201, headers: { location: `/orders/${order.id}` }, body: order })
        }),
    )
    .get('/orders/{id}', (route) =>
      route.handle(async ({ pathParams, headers, params, signal }) => {
        if (headers['x-api-key'] !== params.apiKey) throw httpErrors.unauthorized('Bad API key')
        const order = await findOrder(orders, params.table, pathParams.id, signal)
        if (order === undefined) throw httpErrors.notFound(`No order ${pathParams.id}`)
        return order
      }),
    ),
)
