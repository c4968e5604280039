import type { Order } from './order.js'

/** A domain error: the handler maps it to a 404 with `onError`, the logic does not know about HTTP. */
export class OrderNotFound extends Error {
  override readonly name = 'OrderNotFound'
  readonly orderId: string

  constructor(orderId: string) {
    super(`There is no order ${orderId}`)
    this.orderId = orderId
  }
}

/** The business rule for reading an order, as a plain function. */
export async function getOrder(
  id: string,
  deps: { readonly findOrder: (id: string) => Promise<Order | undefined> },
): Promise<Order> {
  const order = await deps.findOrder(id)
  if (order === undefined) throw new OrderNotFound(id)
  return order
}
