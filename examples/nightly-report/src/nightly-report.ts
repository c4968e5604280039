import { buildReport, type DailyReport, reportDayFor } from './report.js'

export interface CallOptions {
  /** Aborts the call (the function's deadline). */
  readonly signal?: AbortSignal
}

/** The orders of one day, from wherever they are kept. */
export interface OrdersSource {
  ordersPlacedOn(day: string, options?: CallOptions): Promise<readonly unknown[]>
}

/** A report as stored: the figures, and which scheduled run made them. */
export interface StoredReport extends DailyReport {
  readonly runId: string
  readonly scheduledAtMs: number
}

/** Keeps one report per day: the first save wins, a later one for the same day is refused. */
export interface ReportStore {
  /** `'saved'`, or `'exists'` when the day already has a report (nothing is changed then). */
  saveOnce(report: StoredReport, options?: CallOptions): Promise<'saved' | 'exists'>
}

export interface NightlyReportDeps {
  readonly orders: OrdersSource
  readonly reports: ReportStore
}

export type NightlyReportOutcome =
  | { readonly status: 'saved'; readonly report: StoredReport }
  | { readonly status: 'already-reported'; readonly day: string }

/**
 * Reports the day before the scheduled time (never "now": a retried or replayed run reports the same day) and
 * saves it once per day.
 */
export async function runNightlyReport(
  run: { readonly scheduledAtMs: number; readonly runId: string },
  deps: NightlyReportDeps,
  options: CallOptions = {},
): Promise<NightlyReportOutcome> {
  const day = reportDayFor(run.scheduledAtMs)
  const records = await deps.orders.ordersPlacedOn(day, options)
  const report: StoredReport = {
    ...buildReport(records, day),
    runId: run.runId,
    scheduledAtMs: run.scheduledAtMs,
  }
  const saved = await deps.reports.saveOnce(report, options)
  return saved === 'saved' ? { status: 'saved', report } : { status: 'already-reported', day }
}
