export { type CreateMetricsOptions, createMetrics, type StandaloneMetrics } from './create-metrics.js'
export {
  maxDimensions,
  maxMetricsPerLine,
  maxValuesPerMetric,
} from './emf/limits.js'
export { type MetricResolution, type MetricUnit, metricUnits } from './emf/metric-unit.js'
export { InvalidMetricError, isInvalidMetricError } from './errors/invalid-metric-error.js'
export type { Metrics } from './metric-scope.js'
export { type MetricsAdded, metrics } from './metrics/metrics.js'
export { operationalMetricNames } from './metrics/operational-metrics.js'
export { coldStartMetricName } from './metrics-buffer.js'
export {
  type MetricsOptions,
  metricsEnv,
  type OperationalGroup,
  operationalGroups,
} from './metrics-options.js'
