import { randomUUID } from 'node:crypto'
import { cors, http, lambda, reply, router } from '@tsumiki/core'
import { logger } from '@tsumiki/logger'
import { validate } from '@tsumiki/validation'
import { createOrder } from './create-order.js'
import { getOrder, OrderNotFound } from './get-order.js'
import { OrderInput } from './order.js'
import { memoryOrderStore } from './order-store.js'

const store = memoryOrderStore()

/** What runs around every route: CORS first (it answers preflights), then the logger. */
const base = lambda(http())
  .use(cors({ origins: ['https://shop.example.com'], maxAgeSeconds: 600 }))
  .use(logger({ service: 'orders' }))

/** POST /orders and GET /orders/{id} in one function: the handler only wires things together. */
export const handler = base.handle(
  router<typeof base>()
    .post('/orders', (route) =>
      route.use(validate({ body: OrderInput })).handle(async ({ input: { body }, log }) => {
        const order = await createOrder(body, {
          saveOrder: store.saveOrder,
          newId: randomUUID,
          nowMs: Date.now,
        })
        log.info('order placed', { orderId: order.id, totalQty: order.totalQty })
        return reply({ status: 201, headers: { location: `/orders/${order.id}` }, body: order })
      }),
    )
    .get('/orders/{id}', (route) =>
      route.handle(({ pathParams }) => getOrder(pathParams.id, { findOrder: store.findOrder })),
    )
    .onError(OrderNotFound, (error) =>
      reply({ status: 404, body: { error: { type: 'order_not_found', message: error.message } } }),
    ),
)
