import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Order } from '../src/order.js'
import { orderFromItem, orderToItem, StoredOrderInvalid } from '../src/order-item.js'

const orders: fc.Arbitrary<Order> = fc.record({
  id: fc.uuid(),
  customerId: fc.string({ minLength: 1 }),
  items: fc.array(fc.record({ sku: fc.string({ minLength: 1 }), qty: fc.integer({ min: 1, max: 100 }) }), {
    minLength: 1,
    maxLength: 50,
  }),
  totalQty: fc.integer({ min: 1, max: 5_000 }),
  note: fc.option(fc.string({ maxLength: 500 }), { nil: undefined }),
  createdAtMs: fc.integer({ min: 0, max: 4_102_444_800_000 }),
  delivery: fc.constantFrom('express', 'standard'),
})

describe('the order item layout (storage rules, no DynamoDB)', () => {
  it('reads back every order it writes, unchanged', () => {
    fc.assert(
      fc.property(orders, (order) => {
        expect(orderFromItem(orderToItem(order))).toEqual(order)
      }),
    )
  })

  it('keys the item by id and leaves out a missing note (DynamoDB has no undefined)', () => {
    const item = orderToItem({
      id: 'o-1',
      customerId: 'c-1',
      items: [{ sku: 'a', qty: 2 }],
      totalQty: 2,
      note: undefined,
      createdAtMs: 5,
      delivery: 'standard',
    })
    expect(item).toEqual({
      id: { S: 'o-1' },
      customerId: { S: 'c-1' },
      items: { L: [{ M: { sku: { S: 'a' }, qty: { N: '2' } } }] },
      totalQty: { N: '2' },
      createdAtMs: { N: '5' },
      delivery: { S: 'standard' },
    })
  })

  it('names the attribute of a stored item that is not an order', () => {
    const item = orderToItem({
      id: 'o-1',
      customerId: 'c-1',
      items: [{ sku: 'a', qty: 2 }],
      totalQty: 2,
      note: undefined,
      createdAtMs: 5,
      delivery: 'express',
    })
    expect(() => orderFromItem({ ...item, totalQty: { S: 'two' } })).toThrow(
      new StoredOrderInvalid('totalQty', 'a number'),
    )
    expect(() => orderFromItem({ ...item, delivery: { S: 'teleport' } })).toThrow(
      new StoredOrderInvalid('delivery', "'express' or 'standard'"),
    )
    expect(() => orderFromItem({ ...item, items: { L: [{ M: { sku: { S: 'a' } } }] } })).toThrow(
      "The stored order's attribute items[0].qty is not a number",
    )
  })

  it('reads an order stored before delivery speeds existed as standard', () => {
    const { delivery: _, ...older } = orderToItem({
      id: 'o-1',
      customerId: 'c-1',
      items: [{ sku: 'a', qty: 1 }],
      totalQty: 1,
      note: undefined,
      createdAtMs: 5,
      delivery: 'express',
    })
    expect(orderFromItem(older).delivery).toBe('standard')
  })
})
