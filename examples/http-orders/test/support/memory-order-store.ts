import type { OrderStore } from '../../src/core.js'
import type { Order } from '../../src/order.js'

/** The core's store in memory, with the DynamoDB store's rule: an id is saved once. */
export function memoryOrderStore(): OrderStore & { readonly orders: ReadonlyMap<string, Order> } {
  const orders = new Map<string, Order>()
  return {
    orders,
    async saveOrder(order) {
      if (orders.has(order.id)) throw new Error(`Order ${order.id} already exists`)
      orders.set(order.id, order)
    },
    async findOrder(id) {
      return orders.get(id)
    },
  }
}
