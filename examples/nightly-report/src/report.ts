// A namespace import lets the bundler drop what is unused (zod's locales): ~115 KiB bundled instead of ~470.
import * as z from 'zod'

const DAY_MS = 24 * 60 * 60 * 1000

/** An order as the orders table holds it (the fields the report reads). */
export const Order = z.object({
  orderId: z.string().min(1),
  /** The UTC day the order was placed, `YYYY-MM-DD`. */
  placedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  status: z.enum(['placed', 'cancelled']),
  totalCents: z.number().int().min(0),
})
export type Order = z.infer<typeof Order>

/** One day's figures. Cancelled orders are counted apart and not in the total. */
export interface DailyReport {
  readonly day: string
  readonly orderCount: number
  readonly cancelledCount: number
  readonly totalCents: number
  readonly averageOrderCents: number
  /** Records of the day that are not orders the report can read: counted and named, never dropped silently. */
  readonly unreadable: { readonly count: number; readonly orderIds: readonly string[] }
}

/** The UTC day before `scheduledAtMs`, `YYYY-MM-DD`: a run scheduled on the 2nd (at any hour) reports the 1st. */
export function reportDayFor(scheduledAtMs: number): string {
  if (!Number.isFinite(scheduledAtMs))
    throw new RangeError(`scheduledAtMs must be a time, got ${scheduledAtMs}`)
  return new Date(scheduledAtMs - DAY_MS).toISOString().slice(0, 10)
}

/** How many unreadable order ids a report names (all are counted). */
export const UNREADABLE_IDS_LISTED = 20

/**
 * The report of `day` from the records the orders table returned for it: a pure function, so a retried or
 * replayed run over the same records gives the same report.
 */
export function buildReport(records: readonly unknown[], day: string): DailyReport {
  let orderCount = 0
  let cancelledCount = 0
  let totalCents = 0
  let unreadableCount = 0
  const unreadableIds: string[] = []
  for (const record of records) {
    const parsed = Order.safeParse(record)
    if (!parsed.success || parsed.data.placedOn !== day) {
      unreadableCount += 1
      if (unreadableIds.length < UNREADABLE_IDS_LISTED) unreadableIds.push(idOf(record))
      continue
    }
    if (parsed.data.status === 'cancelled') {
      cancelledCount += 1
      continue
    }
    orderCount += 1
    totalCents += parsed.data.totalCents
  }
  return {
    day,
    orderCount,
    cancelledCount,
    totalCents,
    averageOrderCents: orderCount === 0 ? 0 : Math.round(totalCents / orderCount),
    unreadable: { count: unreadableCount, orderIds: unreadableIds },
  }
}

function idOf(record: unknown): string {
  const id =
    typeof record === 'object' && record !== null ? (record as { orderId?: unknown }).orderId : undefined
  return typeof id === 'string' ? id : '(no orderId)'
}
