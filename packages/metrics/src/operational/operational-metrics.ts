import type { SignalObserver } from '@tsumiki/core'
import type { NameRegistry } from '../buffer/name-registry.js'
import type { OperationalGroup } from '../config/metrics-options.js'
import type { RecordedMetric } from '../emf/metric-group.js'

/**
 * The toolkit's own metrics, by group: each a Count, tallied over the invocation from the signals the packages emit
 * (see core's `Signals`) and written as one value per invocation. A group's metrics are all written, zeros included,
 * in an invocation where the group saw anything, so a rate (failed ÷ all) is always computable.
 */
export const operationalMetricNames = {
  batch: ['RecordsSucceeded', 'RecordsFailed', 'RecordsParked', 'RecordsNotRun'],
  idempotency: [
    'IdempotencyFirstSight',
    'IdempotencyDuplicates',
    'IdempotencyInProgress',
    'IdempotencyLocalCacheHits',
    'IdempotencyPayloadMismatches',
  ],
  parameters: ['ParameterFetches', 'ParameterStaleServes', 'ParameterFetchErrors'],
  http: ['Http1xx', 'Http2xx', 'Http3xx', 'Http4xx', 'Http5xx'],
  deadline: ['DeadlineCutoffs'],
} as const satisfies Record<OperationalGroup, readonly string[]>

type MetricName = (typeof operationalMetricNames)[OperationalGroup][number]

const batchMetric = {
  succeeded: 'RecordsSucceeded',
  failed: 'RecordsFailed',
  parked: 'RecordsParked',
  'not-run': 'RecordsNotRun',
} as const
const idempotencyMetric = {
  'first-sight': 'IdempotencyFirstSight',
  duplicate: 'IdempotencyDuplicates',
  'in-progress': 'IdempotencyInProgress',
  'local-cache-hit': 'IdempotencyLocalCacheHits',
  'payload-mismatch': 'IdempotencyPayloadMismatches',
} as const
const parameterMetric = {
  fetched: 'ParameterFetches',
  stale: 'ParameterStaleServes',
  failed: 'ParameterFetchErrors',
} as const

/** The counters of one invocation, and the observer that fills them. */
export interface OperationalCounters {
  readonly observer: SignalObserver
  /** The counters of every group that saw anything, as metrics. */
  metrics(): ReadonlyMap<string, RecordedMetric>
}

/** Reserves the groups' names as Count metrics, so a metric of the user's cannot take one with another unit. */
export function reserveOperationalNames(registry: NameRegistry, groups: ReadonlySet<OperationalGroup>): void {
  for (const group of groups)
    for (const name of operationalMetricNames[group]) registry.defineMetric(name, 'Count', false)
}

export function operationalCounters(groups: ReadonlySet<OperationalGroup>): OperationalCounters {
  const counts = new Map<MetricName, number>()
  const seen = new Set<OperationalGroup>()
  const count = (group: OperationalGroup, name: MetricName, by = 1) => {
    seen.add(group)
    counts.set(name, (counts.get(name) ?? 0) + by)
  }
  return {
    observer(...[name, fields]) {
      switch (name) {
        case 'batch.record':
          if (groups.has('batch')) count('batch', batchMetric[fields.outcome])
          return
        case 'idempotency.outcome':
          if (groups.has('idempotency')) count('idempotency', idempotencyMetric[fields.outcome])
          return
        case 'parameters.fetch':
          if (groups.has('parameters')) count('parameters', parameterMetric[fields.outcome], fields.count)
          return
        case 'http.answer':
          if (groups.has('http')) count('http', httpMetricOf(fields.status))
          return
        case 'deadline.cut':
          if (groups.has('deadline')) count('deadline', 'DeadlineCutoffs')
          return
      }
    },
    metrics() {
      const metrics = new Map<string, RecordedMetric>()
      for (const group of seen) {
        for (const name of operationalMetricNames[group]) {
          metrics.set(name, { unit: 'Count', highResolution: false, values: [counts.get(name) ?? 0] })
        }
      }
      return metrics
    },
  }
}

/** The status class of an answer (`reply()` and `HttpError` keep statuses from 100 to 599). */
function httpMetricOf(status: number): MetricName {
  if (status < 200) return 'Http1xx'
  if (status < 300) return 'Http2xx'
  if (status < 400) return 'Http3xx'
  if (status < 500) return 'Http4xx'
  return 'Http5xx'
}
