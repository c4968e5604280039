import { randomUUID } from 'node:crypto'
import { http, lambda, reply } from '@tsumiki/core'
import { logger } from '@tsumiki/logger'
import { validate } from '@tsumiki/validation'
import { allowMethods } from './allow-methods.js'
import { createOrder } from './create-order.js'
import { OrderInput } from './order.js'
import { memoryOrderStore } from './order-store.js'

const store = memoryOrderStore()

/** POST /orders — the handler only wires things together; `createOrder` holds the logic. */
export const handler = lambda(http())
  .use(logger({ service: 'orders' }))
  .use(allowMethods('POST'))
  .use(validate({ body: OrderInput }))
  .handle(async ({ input: { body }, log }) => {
    const order = await createOrder(body, { saveOrder: store.saveOrder, newId: randomUUID, nowMs: Date.now })
    log.info('order placed', { orderId: order.id, totalQty: order.totalQty })
    return reply({ status: 201, headers: { location: `/orders/${order.id}` }, body: order })
  })
