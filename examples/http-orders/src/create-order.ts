import type { Order, OrderInput } from './order.js'

/** What placing an order needs from the outside world; the handler passes the real ones, tests pass fakes. */
export interface CreateOrderDeps {
  readonly saveOrder: (order: Order) => Promise<void>
  readonly newId: () => string
  readonly nowMs: () => number
}

/** The business rule, as a plain function: no AWS types, no middleware. */
export async function createOrder(input: OrderInput, deps: CreateOrderDeps): Promise<Order> {
  const order: Order = {
    id: deps.newId(),
    customerId: input.customerId,
    items: input.items,
    totalQty: input.items.reduce((sum, item) => sum + item.qty, 0),
    note: input.note,
    createdAtMs: deps.nowMs(),
  }
  await deps.saveOrder(order)
  return order
}
