import { describe, expect, it } from 'vitest'
import {
  type OrdersSource,
  type ReportStore,
  runNightlyReport,
  type StoredReport,
} from '../src/nightly-report.js'

/** Orders by day and a report store with the same once-per-day rule as the DynamoDB one. */
function memoryDeps(ordersByDay: Record<string, unknown[]>) {
  const saved = new Map<string, StoredReport>()
  const asked: { day: string; signal: AbortSignal | undefined }[] = []
  const saveSignals: (AbortSignal | undefined)[] = []
  const orders: OrdersSource = {
    ordersPlacedOn: async (day, options = {}) => {
      asked.push({ day, signal: options.signal })
      return ordersByDay[day] ?? []
    },
  }
  const reports: ReportStore = {
    saveOnce: async (report, options = {}) => {
      saveSignals.push(options.signal)
      if (saved.has(report.day)) return 'exists'
      saved.set(report.day, report)
      return 'saved'
    },
  }
  return { deps: { orders, reports }, saved, asked, saveSignals }
}

const placed = (orderId: string, totalCents: number) => ({
  orderId,
  placedOn: '2026-12-01',
  status: 'placed',
  totalCents,
})

describe('runNightlyReport', () => {
  it('reports the day before the scheduled time and saves it with the run that made it', async () => {
    const { deps, saved, asked, saveSignals } = memoryDeps({
      '2026-12-01': [placed('o-1', 1200), placed('o-2', 800)],
    })
    const { signal } = new AbortController()

    const outcome = await runNightlyReport(
      { scheduledAtMs: Date.parse('2026-12-02T00:30:00Z'), runId: 'event-1' },
      deps,
      { signal },
    )

    expect(asked).toEqual([{ day: '2026-12-01', signal }])
    expect(saveSignals).toEqual([signal])
    expect(outcome).toMatchObject({
      status: 'saved',
      report: { day: '2026-12-01', orderCount: 2, totalCents: 2000 },
    })
    expect(saved.get('2026-12-01')).toMatchObject({
      runId: 'event-1',
      scheduledAtMs: Date.parse('2026-12-02T00:30:00Z'),
    })
  })

  it('leaves a reported day as it is when the run comes again, even with new orders and hours later', async () => {
    const ordersByDay: Record<string, unknown[]> = { '2026-12-01': [placed('o-1', 1200)] }
    const { deps, saved } = memoryDeps(ordersByDay)
    await runNightlyReport({ scheduledAtMs: Date.parse('2026-12-02T00:30:00Z'), runId: 'event-1' }, deps)
    ordersByDay['2026-12-01']?.push(placed('o-late', 99))

    const replay = await runNightlyReport(
      { scheduledAtMs: Date.parse('2026-12-02T00:30:00Z'), runId: 'event-1' },
      deps,
    )

    expect(replay).toEqual({ status: 'already-reported', day: '2026-12-01' })
    expect(saved.get('2026-12-01')).toMatchObject({ orderCount: 1, totalCents: 1200 })
    expect(saved.size).toBe(1)
  })
})
