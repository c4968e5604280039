import { InvalidOptionError } from '@tsumiki/core'
import type { Metrics } from '../buffer/metric-scope.js'
import { MetricsBuffer } from '../buffer/metrics-buffer.js'
import { type MetricsConfig, type MetricsOptions, resolveMetricsConfig } from '../config/metrics-options.js'

/** The options of `createMetrics()`: those of `metrics()` but what only an invocation has. */
export type CreateMetricsOptions = Omit<MetricsOptions, 'coldStartMetric' | 'functionName' | 'operational'>

const middlewareOnly = ['coldStartMetric', 'functionName', 'operational'] as const

/** Metrics for code outside the engine: the same API as `request.metrics`, written when `flush()` is called. */
export interface StandaloneMetrics extends Metrics {
  /**
   * Writes what was added since the last flush as EMF lines (none when nothing was), then starts afresh: metrics,
   * dimensions and metadata are cleared, the default dimensions stay.
   */
  flush(): void
}

/**
 * Metrics for code that runs outside a tsumiki chain: a script, a worker, a legacy handler not yet wrapped. Takes the
 * options `metrics()` takes but those about invocations (the cold start, the operational metrics); nothing is written
 * until `flush()`.
 */
export function createMetrics(options?: CreateMetricsOptions): StandaloneMetrics {
  for (const name of middlewareOnly) {
    const given = (options as MetricsOptions | undefined)?.[name]
    if (given !== undefined) {
      throw new InvalidOptionError(
        'createMetrics()',
        name,
        'left out: only metrics() sees invocations',
        given,
      )
    }
  }
  const config: MetricsConfig = resolveMetricsConfig('createMetrics()', options)
  let buffer = new MetricsBuffer(config, undefined, false)
  let scope = buffer.scope()
  return {
    addMetric: (name, unit, value, resolution) => scope.addMetric(name, unit, value, resolution),
    addDimension: (name, value) => scope.addDimension(name, value),
    addDimensions: (dimensions) => scope.addDimensions(dimensions),
    addMetadata: (key, value) => scope.addMetadata(key, value),
    time: (name, work, resolution) => scope.time(name, work, resolution),
    flush() {
      buffer.flush()
      buffer = new MetricsBuffer(config, undefined, false)
      scope = buffer.scope()
    },
  }
}
