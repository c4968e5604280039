import type { Order } from './order.js'

/**
 * Where orders go. This example keeps them in memory so it runs anywhere; a real function would put them in
 * DynamoDB with a client created once at module load.
 */
export function memoryOrderStore(): { saveOrder(order: Order): Promise<void>; count(): number } {
  const orders = new Map<string, Order>()
  return {
    async saveOrder(order) {
      orders.set(order.id, order)
    },
    count: () => orders.size,
  }
}
