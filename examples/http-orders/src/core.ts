import type { Order, OrderInput } from './order.js'

/** Where orders are kept. The handler passes the DynamoDB one, tests an in-memory one. */
export interface OrderStore {
  /** Saves a new order; an order with the same id already there is an error, never overwritten. */
  saveOrder(order: Order): Promise<void>
  findOrder(id: string): Promise<Order | undefined>
}

/** What placing an order needs from the outside world. */
export interface CreateOrderDeps {
  readonly store: Pick<OrderStore, 'saveOrder'>
  readonly newId: () => string
  readonly nowMs: () => number
  /** Whether this order ships express: what the `express-delivery` flag says for its customer, decided outside. */
  readonly expressDelivery: boolean
}

/** A domain error: the handler maps it to a 404, the logic knows nothing of HTTP. */
export class OrderNotFound extends Error {
  override readonly name = 'OrderNotFound'
  readonly orderId: string

  constructor(orderId: string) {
    super(`There is no order ${orderId}`)
    this.orderId = orderId
  }
}

/** Places an order: totals it, stamps its id and time, and answers only once it is saved. */
export async function createOrder(input: OrderInput, deps: CreateOrderDeps): Promise<Order> {
  const order: Order = {
    id: deps.newId(),
    customerId: input.customerId,
    items: input.items,
    totalQty: input.items.reduce((sum, item) => sum + item.qty, 0),
    note: input.note,
    createdAtMs: deps.nowMs(),
    delivery: deps.expressDelivery ? 'express' : 'standard',
  }
  await deps.store.saveOrder(order)
  return order
}

/** Reads an order back, or fails with `OrderNotFound`. */
export async function getOrder(
  id: string,
  deps: { readonly store: Pick<OrderStore, 'findOrder'> },
): Promise<Order> {
  const order = await deps.store.findOrder(id)
  if (order === undefined) throw new OrderNotFound(id)
  return order
}
