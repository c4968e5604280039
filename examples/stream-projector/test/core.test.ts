import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  type CustomerTotalsDelta,
  type CustomerTotalsStore,
  type Order,
  type OrderChange,
  projectOrderChange,
  totalsDeltas,
} from '../src/core.js'

type Totals = { orderCount: number; openCents: number; paidCents: number }

/** The store's rule in memory: per customer, counters and the last position applied per order. */
function memoryTotals() {
  const totals = new Map<string, Totals>()
  const positions = new Map<string, string>()
  const store: CustomerTotalsStore = {
    async apply(orderId, position, delta) {
      const key = `${delta.customerId}/${orderId}`
      const last = positions.get(key)
      if (last !== undefined && last >= position) return 'already-applied'
      positions.set(key, position)
      const current = totals.get(delta.customerId) ?? { orderCount: 0, openCents: 0, paidCents: 0 }
      totals.set(delta.customerId, {
        orderCount: current.orderCount + delta.orderCount,
        openCents: current.openCents + delta.openCents,
        paidCents: current.paidCents + delta.paidCents,
      })
      return 'applied'
    },
  }
  return { store, totals }
}

/** Totals computed from scratch from the orders as they are now; customers with nothing left are left out. */
function totalsFromScratch(orders: Iterable<Order | undefined>): Map<string, Totals> {
  const totals = new Map<string, Totals>()
  for (const order of orders) {
    if (order === undefined || order.status === 'cancelled') continue
    const current = totals.get(order.customerId) ?? { orderCount: 0, openCents: 0, paidCents: 0 }
    totals.set(order.customerId, {
      orderCount: current.orderCount + 1,
      openCents: current.openCents + (order.status === 'open' ? order.totalCents : 0),
      paidCents: current.paidCents + (order.status === 'paid' ? order.totalCents : 0),
    })
  }
  return totals
}

const withoutZeros = (totals: Map<string, Totals>) =>
  new Map(
    [...totals].filter(([, each]) => each.orderCount !== 0 || each.openCents !== 0 || each.paidCents !== 0),
  )

const order = (overrides: Partial<Order> = {}): Order => ({
  orderId: 'o-1',
  customerId: 'c-1',
  status: 'open',
  totalCents: 2_500,
  ...overrides,
})

describe('totalsDeltas (the pure projection)', () => {
  it('counts a new open order with its total as open', () => {
    expect(totalsDeltas(undefined, order())).toEqual([
      { customerId: 'c-1', orderCount: 1, openCents: 2_500, paidCents: 0 },
    ])
  })

  it('moves the total from open to paid when the order is paid', () => {
    expect(totalsDeltas(order(), order({ status: 'paid' }))).toEqual([
      { customerId: 'c-1', orderCount: 0, openCents: -2_500, paidCents: 2_500 },
    ])
  })

  it('takes a cancelled or removed order out of the totals', () => {
    const out: CustomerTotalsDelta[] = [
      { customerId: 'c-1', orderCount: -1, openCents: -2_500, paidCents: 0 },
    ]
    expect(totalsDeltas(order(), order({ status: 'cancelled' }))).toEqual(out)
    expect(totalsDeltas(order(), undefined)).toEqual(out)
  })

  it('moves an order from one customer to another', () => {
    expect(totalsDeltas(order(), order({ customerId: 'c-2' }))).toEqual([
      { customerId: 'c-1', orderCount: -1, openCents: -2_500, paidCents: 0 },
      { customerId: 'c-2', orderCount: 1, openCents: 2_500, paidCents: 0 },
    ])
  })

  it('leaves out a change that moves no total', () => {
    expect(totalsDeltas(order(), order())).toEqual([])
    expect(totalsDeltas(order({ status: 'cancelled' }), undefined)).toEqual([])
  })
})

describe('projectOrderChange', () => {
  it('applies a change once: delivered again, it finds its position applied', async () => {
    const { store, totals } = memoryTotals()
    const change: OrderChange = { orderId: 'o-1', position: '0002', before: undefined, after: order() }

    expect(await projectOrderChange(change, { totals: store })).toEqual({
      applied: ['c-1'],
      alreadyApplied: [],
    })
    expect(await projectOrderChange(change, { totals: store })).toEqual({
      applied: [],
      alreadyApplied: ['c-1'],
    })
    expect(totals.get('c-1')).toEqual({ orderCount: 1, openCents: 2_500, paidCents: 0 })
  })

  it('lets a store failure through, so the record is reported and delivered again', async () => {
    const outage = new Error('throttled')
    const change: OrderChange = { orderId: 'o-1', position: '1', before: undefined, after: order() }
    await expect(
      projectOrderChange(change, { totals: { apply: () => Promise.reject(outage) } }),
    ).rejects.toBe(outage)
  })

  // A history of states per order, as the stream carries them (positions growing), then a redelivery of any
  // stretch of it, as Lambda resends from a checkpoint.
  const state = fc.option(
    fc.record({
      customerId: fc.constantFrom('c-1', 'c-2', 'c-3'),
      status: fc.constantFrom('open' as const, 'paid' as const, 'cancelled' as const),
      totalCents: fc.nat({ max: 100_000 }),
    }),
    { nil: undefined },
  )
  const history = fc.array(fc.tuple(fc.constantFrom('o-1', 'o-2', 'o-3'), state), { maxLength: 30 })

  it('ends with the totals computed from scratch, whatever stretch of the stream is delivered again', async () => {
    await fc.assert(
      fc.asyncProperty(history, fc.nat(), fc.nat(), async (steps, from, length) => {
        const current = new Map<string, Order | undefined>()
        const changes: OrderChange[] = steps.map(([orderId, next], index) => {
          const before = current.get(orderId)
          const after = next === undefined ? undefined : { orderId, ...next }
          current.set(orderId, after)
          return { orderId, position: String(index).padStart(4, '0'), before, after }
        })
        const start = changes.length === 0 ? 0 : from % changes.length
        const redelivered = changes.slice(start, start + length)
        const { store, totals } = memoryTotals()

        for (const change of [...changes, ...redelivered]) await projectOrderChange(change, { totals: store })

        expect(withoutZeros(totals)).toEqual(totalsFromScratch(current.values()))
      }),
    )
  })
})
