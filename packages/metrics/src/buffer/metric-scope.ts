import { isPromiseLike } from '@tsumiki/core'
import {
  checkDimensionName,
  checkDimensionValue,
  checkMetadataKey,
  checkMetricName,
  checkResolution,
  checkUnit,
  checkValue,
} from '../emf/check-names.js'
import { maxDimensions } from '../emf/limits.js'
import type { RecordedMetric } from '../emf/metric-group.js'
import type { MetricResolution, MetricUnit } from '../emf/metric-unit.js'
import { InvalidMetricError } from '../errors/invalid-metric-error.js'
import type { NameRegistry } from './name-registry.js'

/** What `request.metrics` (and `createMetrics()`) offer: metrics, dimensions and metadata for the EMF line. */
export interface Metrics {
  /**
   * Adds a value of the metric `name`. The same name again adds another value (CloudWatch keeps each: sum, average,
   * percentiles); its unit and resolution stay those of the first. Throws `InvalidMetricError` for a name, unit or
   * value CloudWatch would drop.
   */
  addMetric(name: string, unit: MetricUnit, value: number, resolution?: MetricResolution): void
  /**
   * Adds a dimension to the metrics of this request (on batch sources, this record's: records with the same
   * dimensions share a line). Throws `InvalidMetricError` for a name or value CloudWatch would drop, or a 31st.
   */
  addDimension(name: string, value: string): void
  addDimensions(dimensions: Readonly<Record<string, string>>): void
  /** Adds a member to the line that is not a metric (an order id, a tenant): searchable in Logs Insights, not a cost. */
  addMetadata(key: string, value: unknown): void
  /**
   * Runs `work` and adds how long it took, in `Milliseconds`, as the metric `name`: when it returns, or when the
   * promise it returns settles, whether it succeeded or failed. Returns what `work` returns.
   */
  time<T>(name: string, work: () => T, resolution?: MetricResolution): T
}

/** What scopes report to: the invocation's (or `createMetrics()`'s) buffer. */
export interface ScopeOwner {
  readonly registry: NameRegistry
  readonly defaultDimensions: ReadonlyMap<string, string>
  /** True once the buffer has written its lines: a later add is written at once (see `MetricsBuffer.late`). */
  readonly ended: boolean
  late(scope: MetricScope): void
}

/**
 * The metrics one request (one record, on batch sources) added: its own dimensions, metrics and metadata, merged at
 * the end of the invocation with those of every request that has the same dimensions.
 */
export class MetricScope implements Metrics {
  readonly #owner: ScopeOwner
  dimensions: Map<string, string> | undefined
  metrics: Map<string, RecordedMetric> | undefined
  metadata: Map<string, unknown> | undefined

  constructor(owner: ScopeOwner) {
    this.#owner = owner
  }

  addMetric(name: string, unit: MetricUnit, value: number, resolution: MetricResolution = 'standard'): void {
    checkMetricName(name)
    checkUnit(name, unit)
    checkValue(name, value)
    const highResolution = checkResolution(name, resolution) === 'high'
    this.metrics ??= new Map()
    const recorded = this.metrics.get(name)
    if (recorded === undefined) {
      const fresh: RecordedMetric = { unit, highResolution, values: [value] }
      this.#owner.registry.defineMetric(name, unit, highResolution, fresh)
      this.metrics.set(name, fresh)
    } else {
      // Known to the registry as this scope's: only a change of unit or resolution needs it (to be refused).
      if (recorded.unit !== unit || recorded.highResolution !== highResolution) {
        this.#owner.registry.defineMetric(name, unit, highResolution)
      }
      recorded.values.push(value)
    }
    if (this.#owner.ended) this.#owner.late(this)
  }

  addDimension(name: string, value: string): void {
    checkDimensionName(name)
    checkDimensionValue(name, value)
    const { defaultDimensions, registry } = this.#owner
    registry.claim(name, 'dimension')
    this.dimensions ??= new Map()
    if (!this.dimensions.has(name) && !defaultDimensions.has(name)) {
      let count = defaultDimensions.size + 1
      for (const other of this.dimensions.keys()) if (!defaultDimensions.has(other)) count++
      if (count > maxDimensions) {
        throw new InvalidMetricError(
          `Dimension "${name}" would make ${count} dimensions; CloudWatch takes at most ${maxDimensions} per metric, default dimensions included`,
        )
      }
    }
    this.dimensions.set(name, value)
  }

  addDimensions(dimensions: Readonly<Record<string, string>>): void {
    if (typeof dimensions !== 'object' || dimensions === null) {
      throw new InvalidMetricError(
        `Dimensions must be an object of names and values; got ${String(dimensions)}`,
      )
    }
    for (const name of Object.keys(dimensions)) this.addDimension(name, dimensions[name] as string)
  }

  addMetadata(key: string, value: unknown): void {
    checkMetadataKey(key)
    this.#owner.registry.claim(key, 'metadata key')
    this.metadata ??= new Map()
    this.metadata.set(key, value)
  }

  time<T>(name: string, work: () => T, resolution: MetricResolution = 'standard'): T {
    checkMetricName(name)
    // Refused before the work runs, not after it: a name or resolution that cannot be added.
    this.#owner.registry.defineMetric(name, 'Milliseconds', checkResolution(name, resolution) === 'high')
    const startedAtMs = performance.now()
    const record = () => {
      this.addMetric(
        name,
        'Milliseconds',
        Math.round((performance.now() - startedAtMs) * 1000) / 1000,
        resolution,
      )
    }
    let result: T
    try {
      result = work()
    } catch (error) {
      record()
      throw error
    }
    if (!isPromiseLike(result)) {
      record()
      return result
    }
    return Promise.resolve(result).finally(record) as T
  }
}
