import { describe, expect, it } from 'vitest'
import { createOrder } from '../src/create-order.js'
import type { Order } from '../src/order.js'

describe('createOrder (the business logic, tested without AWS or middleware)', () => {
  it('totals the quantities, stamps id and time, and saves the order', async () => {
    const saved: Order[] = []
    const order = await createOrder(
      {
        customerId: 'c-1',
        items: [
          { sku: 'a', qty: 2 },
          { sku: 'b', qty: 3 },
        ],
        note: undefined,
      },
      { saveOrder: async (o) => void saved.push(o), newId: () => 'order-1', nowMs: () => 1_700_000_000_000 },
    )
    expect(order).toEqual({
      id: 'order-1',
      customerId: 'c-1',
      items: [
        { sku: 'a', qty: 2 },
        { sku: 'b', qty: 3 },
      ],
      totalQty: 5,
      note: undefined,
      createdAtMs: 1_700_000_000_000,
    })
    expect(saved).toEqual([order])
  })

  it('does not answer before the order is saved', async () => {
    const failure = new Error('table unavailable')
    await expect(
      createOrder(
        { customerId: 'c-1', items: [{ sku: 'a', qty: 1 }], note: undefined },
        { saveOrder: async () => Promise.reject(failure), newId: () => 'x', nowMs: () => 0 },
      ),
    ).rejects.toBe(failure)
  })
})
