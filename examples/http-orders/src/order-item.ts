import type { AttributeValue } from '@aws-sdk/client-dynamodb'
import type { Delivery, Order } from './order.js'

/**
 * How an order is laid out in its table: partition key `id` (string), quantities and times as numbers, the note
 * only when there is one (DynamoDB has no `undefined`), the delivery speed as text. These are the storage rules; dynamo-order-store.ts only
 * sends them.
 */
export type OrderItem = Record<string, AttributeValue>

export const orderKeyAttribute = 'id'

/** A stored item that is not an order any more (written by hand, or by another version): names the attribute. */
export class StoredOrderInvalid extends Error {
  override readonly name = 'StoredOrderInvalid'
  readonly attribute: string

  constructor(attribute: string, expected: string) {
    super(`The stored order's attribute ${attribute} is not ${expected}`)
    this.attribute = attribute
  }
}

export function orderKey(id: string): OrderItem {
  return { [orderKeyAttribute]: { S: id } }
}

export function orderToItem(order: Order): OrderItem {
  const item: OrderItem = {
    ...orderKey(order.id),
    customerId: { S: order.customerId },
    items: { L: order.items.map((line) => ({ M: { sku: { S: line.sku }, qty: { N: String(line.qty) } } })) },
    totalQty: { N: String(order.totalQty) },
    createdAtMs: { N: String(order.createdAtMs) },
    delivery: { S: order.delivery },
  }
  if (order.note !== undefined) item.note = { S: order.note }
  return item
}

export function orderFromItem(item: OrderItem): Order {
  const lines = item.items?.L
  if (lines === undefined) throw new StoredOrderInvalid('items', 'a list')
  return {
    id: textOf(item, orderKeyAttribute),
    customerId: textOf(item, 'customerId'),
    items: lines.map((line, index) => {
      const fields = line.M
      if (fields === undefined) throw new StoredOrderInvalid(`items[${index}]`, 'a map')
      return {
        sku: textOf(fields, 'sku', `items[${index}].`),
        qty: numberOf(fields, 'qty', `items[${index}].`),
      }
    }),
    totalQty: numberOf(item, 'totalQty'),
    note: item.note === undefined ? undefined : textOf(item, 'note'),
    createdAtMs: numberOf(item, 'createdAtMs'),
    delivery: deliveryOf(item),
  }
}

// Orders stored before delivery speeds existed have none: they shipped standard.
function deliveryOf(item: OrderItem): Delivery {
  if (item.delivery === undefined) return 'standard'
  const delivery = textOf(item, 'delivery')
  if (delivery !== 'express' && delivery !== 'standard') {
    throw new StoredOrderInvalid('delivery', "'express' or 'standard'")
  }
  return delivery
}

function textOf(item: OrderItem, name: string, prefix = ''): string {
  const text = item[name]?.S
  if (text === undefined) throw new StoredOrderInvalid(`${prefix}${name}`, 'a string')
  return text
}

function numberOf(item: OrderItem, name: string, prefix = ''): number {
  const digits = item[name]?.N
  const value = Number(digits)
  if (digits === undefined || !Number.isFinite(value))
    throw new StoredOrderInvalid(`${prefix}${name}`, 'a number')
  return value
}
