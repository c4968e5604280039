/** An item of the orders table, as the stream carries it. */
export interface Order {
  readonly orderId: string
  readonly customerId: string
  readonly status: 'open' | 'paid' | 'cancelled'
  readonly totalCents: number
}

/** What one order changes in its customer's totals. Cancelled orders count for nothing. */
export interface CustomerTotalsDelta {
  readonly customerId: string
  readonly orderCount: number
  readonly openCents: number
  readonly paidCents: number
}

/** One change of one order: its images before and after (none before an INSERT, none after a REMOVE). */
export interface OrderChange {
  readonly orderId: string
  /**
   * Where the change stands in the order's history: a later change of the same order has a greater position
   * when compared as text. The store applies a change only past the last position it applied for that order.
   */
  readonly position: string
  readonly before: Order | undefined
  readonly after: Order | undefined
}

/** The customer totals view. */
export interface CustomerTotalsStore {
  /**
   * Adds `delta` to its customer's totals unless this order's change at `position` (or a later one) was already
   * applied to that customer, and says which happened.
   */
  apply(orderId: string, position: string, delta: CustomerTotalsDelta): Promise<'applied' | 'already-applied'>
}

function contribution(order: Order | undefined): Map<string, CustomerTotalsDelta> {
  const byCustomer = new Map<string, CustomerTotalsDelta>()
  if (order === undefined || order.status === 'cancelled') return byCustomer
  byCustomer.set(order.customerId, {
    customerId: order.customerId,
    orderCount: 1,
    openCents: order.status === 'open' ? order.totalCents : 0,
    paidCents: order.status === 'paid' ? order.totalCents : 0,
  })
  return byCustomer
}

/**
 * The pure projection: what a change of one order does to the totals of each customer it touches (two when the
 * order moved from one customer to another). Customers whose totals do not move are left out.
 */
export function totalsDeltas(before: Order | undefined, after: Order | undefined): CustomerTotalsDelta[] {
  const removed = contribution(before)
  const added = contribution(after)
  const customers = new Set([...removed.keys(), ...added.keys()])
  const deltas: CustomerTotalsDelta[] = []
  for (const customerId of customers) {
    const was = removed.get(customerId)
    const is = added.get(customerId)
    const delta = {
      customerId,
      orderCount: (is?.orderCount ?? 0) - (was?.orderCount ?? 0),
      openCents: (is?.openCents ?? 0) - (was?.openCents ?? 0),
      paidCents: (is?.paidCents ?? 0) - (was?.paidCents ?? 0),
    }
    if (delta.orderCount !== 0 || delta.openCents !== 0 || delta.paidCents !== 0) deltas.push(delta)
  }
  return deltas
}

export interface ProjectionOutcome {
  readonly applied: readonly string[]
  readonly alreadyApplied: readonly string[]
}

/**
 * Applies one order change to the customer totals. A change delivered again finds its position applied and
 * changes nothing, so a redelivered record never counts twice.
 */
export async function projectOrderChange(
  change: OrderChange,
  deps: { readonly totals: CustomerTotalsStore },
): Promise<ProjectionOutcome> {
  const applied: string[] = []
  const alreadyApplied: string[] = []
  for (const delta of totalsDeltas(change.before, change.after)) {
    const outcome = await deps.totals.apply(change.orderId, change.position, delta)
    ;(outcome === 'applied' ? applied : alreadyApplied).push(delta.customerId)
  }
  return { applied, alreadyApplied }
}
