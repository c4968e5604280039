import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { buildReport, type Order, reportDayFor, UNREADABLE_IDS_LISTED } from '../src/report.js'

const DAY_MS = 86_400_000
const order = (orderId: string, totalCents: number, status: Order['status'] = 'placed'): Order => ({
  orderId,
  placedOn: '2026-12-01',
  status,
  totalCents,
})

describe('reportDayFor', () => {
  it('is the UTC day before the scheduled time, at any hour of it', () => {
    expect(reportDayFor(Date.parse('2026-12-02T00:30:00Z'))).toBe('2026-12-01')
    expect(reportDayFor(Date.parse('2026-12-02T23:59:59.999Z'))).toBe('2026-12-01')
    expect(reportDayFor(Date.parse('2027-01-01T00:00:00Z'))).toBe('2026-12-31')
    expect(reportDayFor(Date.parse('2028-03-01T01:00:00Z'))).toBe('2028-02-29')
  })

  it('holds for every time: the day reported ends at or before the scheduled time, and the day after it begins at most a day before', () => {
    const year2000 = Date.parse('2000-01-01T00:00:00Z')
    const year2200 = Date.parse('2200-01-01T00:00:00Z')
    fc.assert(
      fc.property(fc.integer({ min: year2000, max: year2200 }), (scheduledAtMs) => {
        const dayStartMs = Date.parse(`${reportDayFor(scheduledAtMs)}T00:00:00Z`)
        expect(dayStartMs % DAY_MS).toBe(0)
        expect(dayStartMs + DAY_MS).toBeLessThanOrEqual(scheduledAtMs)
        expect(scheduledAtMs).toBeLessThan(dayStartMs + 2 * DAY_MS)
      }),
    )
  })

  it('refuses a time that is not one', () => {
    expect(() => reportDayFor(Number.NaN)).toThrow(RangeError)
  })
})

describe('buildReport', () => {
  it('totals the placed orders, counts the cancelled apart, and names what it could not read', () => {
    const report = buildReport(
      [
        order('o-1', 1000),
        order('o-2', 2001),
        order('o-3', 5000, 'cancelled'),
        { orderId: 'o-4', placedOn: '2026-12-01', status: 'placed' }, // no total
        { ...order('o-5', 10), placedOn: '2026-11-30' }, // another day
        'not a record',
      ],
      '2026-12-01',
    )
    expect(report).toEqual({
      day: '2026-12-01',
      orderCount: 2,
      cancelledCount: 1,
      totalCents: 3001,
      averageOrderCents: 1501,
      unreadable: { count: 3, orderIds: ['o-4', 'o-5', '(no orderId)'] },
    })
  })

  it('reports an empty day as zeros', () => {
    expect(buildReport([], '2026-12-01')).toMatchObject({
      orderCount: 0,
      totalCents: 0,
      averageOrderCents: 0,
    })
  })

  const record = fc.oneof(
    fc.record({
      orderId: fc.string({ minLength: 1, maxLength: 8 }),
      placedOn: fc.constantFrom('2026-12-01', '2026-12-02'),
      status: fc.constantFrom('placed', 'cancelled'),
      totalCents: fc.integer({ min: 0, max: 1_000_000 }),
    }),
    fc.anything(),
  )

  it('accounts for every record once and totals exactly the placed orders of the day, in any order', () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 40 }), (records) => {
        const report = buildReport(records, '2026-12-01')
        expect(report.orderCount + report.cancelledCount + report.unreadable.count).toBe(records.length)
        const placed = records.filter(
          (r): r is Order => looksLikeOrder(r) && r.placedOn === '2026-12-01' && r.status === 'placed',
        )
        expect(report.totalCents).toBe(placed.reduce((sum, r) => sum + r.totalCents, 0))
        expect(report.unreadable.orderIds.length).toBe(
          Math.min(report.unreadable.count, UNREADABLE_IDS_LISTED),
        )
        expect(buildReport([...records].reverse(), '2026-12-01')).toMatchObject({
          orderCount: report.orderCount,
          cancelledCount: report.cancelledCount,
          totalCents: report.totalCents,
          unreadable: { count: report.unreadable.count },
        })
      }),
    )
  })
})

// What the generator's first branch makes (fc.anything() may make one too, by chance).
function looksLikeOrder(value: unknown): value is Order {
  if (typeof value !== 'object' || value === null) return false
  const r = value as Record<string, unknown>
  return (
    typeof r.orderId === 'string' &&
    r.orderId !== '' &&
    typeof r.placedOn === 'string' &&
    (r.status === 'placed' || r.status === 'cancelled') &&
    typeof r.totalCents === 'number' &&
    Number.isInteger(r.totalCents) &&
    r.totalCents >= 0
  )
}
