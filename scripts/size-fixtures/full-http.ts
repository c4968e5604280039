// The whole HTTP function of issue 14: router + cors + logger + parameters + validation + idempotency.
import { cors, http, lambda, reply, router } from '@tsumiki/core'
import { idempotent } from '@tsumiki/idempotency'
import { logger } from '@tsumiki/logger'
import { parameters, secret, ssm } from '@tsumiki/parameters'
import { validate } from '@tsumiki/validation'
import { z } from 'zod'

const Order = z.object({ sku: z.string(), qty: z.number().int().positive() })

const base = lambda(http())
  .use(cors({ origins: ['https://shop.example.com'] }))
  .use(logger({ service: 'orders' }))
  .use(parameters({ table: ssm('/orders/table'), apiKey: secret('orders/api-key') }))

export const handler = base.handle(
  router<typeof base>()
    .post('/orders', (route) =>
      route
        .use(validate({ body: Order }))
        .use(idempotent({ table: 'idempotency', expiresAfterMs: 24 * 60 * 60 * 1000 }))
        .handle(({ input: { body }, params, log }) => {
          log.info('order placed', { sku: body.sku, table: params.table })
          return reply({ status: 201, body })
        }),
    )
    .get('/orders/{id}', (route) => route.handle(({ pathParams }) => ({ id: pathParams.id }))),
)
