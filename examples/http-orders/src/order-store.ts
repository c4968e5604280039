import type { Order } from './order.js'

/** What the handlers need of a store of orders. */
export interface OrderStore {
  saveOrder(order: Order): Promise<void>
  findOrder(id: string): Promise<Order | undefined>
}

/**
 * Where orders go. This example keeps them in memory so it runs anywhere; a real function would put them in
 * DynamoDB with a client created once at module load.
 */
export function memoryOrderStore(): OrderStore & { count(): number } {
  const orders = new Map<string, Order>()
  return {
    async saveOrder(order) {
      orders.set(order.id, order)
    },
    async findOrder(id) {
      return orders.get(id)
    },
    count: () => orders.size,
  }
}
