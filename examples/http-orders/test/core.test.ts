import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createOrder, getOrder, OrderNotFound } from '../src/core.js'
import { OrderInput } from '../src/order.js'
import { memoryOrderStore } from './support/memory-order-store.js'

const fixedDeps = (store = memoryOrderStore()) => ({
  store,
  newId: () => 'order-1',
  nowMs: () => 1_700_000_000_000,
  expressDelivery: false,
})

/** Any order the schema accepts. */
const orderInputs = fc.record(
  {
    customerId: fc.string({ minLength: 1 }),
    items: fc.array(fc.record({ sku: fc.string({ minLength: 1 }), qty: fc.integer({ min: 1, max: 100 }) }), {
      minLength: 1,
      maxLength: 50,
    }),
    note: fc.option(fc.string({ maxLength: 500 }), { nil: undefined }),
  },
  { requiredKeys: ['customerId', 'items'] },
)

describe('createOrder (the business logic, no AWS, no middleware)', () => {
  it('totals the quantities, stamps id and time, and saves the order', async () => {
    const store = memoryOrderStore()
    const order = await createOrder(
      {
        customerId: 'c-1',
        items: [
          { sku: 'a', qty: 2 },
          { sku: 'b', qty: 3 },
        ],
        note: undefined,
      },
      fixedDeps(store),
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
      delivery: 'standard',
    })
    expect([...store.orders.values()]).toEqual([order])
  })

  it('ships express exactly when told to (the flag is decided by the handler, not here)', async () => {
    const input = { customerId: 'c-1', items: [{ sku: 'a', qty: 1 }], note: undefined }
    expect((await createOrder(input, { ...fixedDeps(), expressDelivery: true })).delivery).toBe('express')
    expect((await createOrder(input, { ...fixedDeps(), expressDelivery: false })).delivery).toBe('standard')
  })

  it('does not answer before the order is saved', async () => {
    const failure = new Error('table unavailable')
    const store = { saveOrder: () => Promise.reject(failure) }
    await expect(
      createOrder(
        { customerId: 'c-1', items: [{ sku: 'a', qty: 1 }], note: undefined },
        { ...fixedDeps(), store },
      ),
    ).rejects.toBe(failure)
  })

  it('for every valid order: the total is the sum of the quantities, and what is saved is what is answered', async () => {
    await fc.assert(
      fc.asyncProperty(orderInputs, async (input) => {
        const parsed = OrderInput.parse(input) // the generator makes only orders the schema accepts
        const store = memoryOrderStore()
        const order = await createOrder(parsed, { ...fixedDeps(store), newId: () => 'o' })
        expect(order.totalQty).toBe(input.items.reduce((sum, item) => sum + item.qty, 0))
        expect(order.totalQty).toBeGreaterThanOrEqual(input.items.length)
        expect(await getOrder('o', { store })).toEqual(order)
      }),
    )
  })

  it('never overwrites an order whose id was made twice', async () => {
    const store = memoryOrderStore()
    const input = { customerId: 'c-1', items: [{ sku: 'a', qty: 1 }], note: undefined }
    const first = await createOrder(input, fixedDeps(store))
    await expect(createOrder({ ...input, customerId: 'c-2' }, fixedDeps(store))).rejects.toThrow(
      'already exists',
    )
    expect(await getOrder('order-1', { store })).toEqual(first)
  })
})

describe('getOrder', () => {
  it('fails with OrderNotFound naming the id', async () => {
    const error = await getOrder('nope', { store: memoryOrderStore() }).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(OrderNotFound)
    expect(error).toMatchObject({ orderId: 'nope', message: 'There is no order nope' })
  })
})

describe('OrderInput (what a client may send)', () => {
  it('names each field it refuses', () => {
    const result = OrderInput.safeParse({ customerId: '', items: [{ sku: 'a', qty: 0 }] })
    expect(result.success).toBe(false)
    expect(result.error?.issues.map((issue) => issue.path.join('.')).sort()).toEqual([
      'customerId',
      'items.0.qty',
    ])
  })
})
