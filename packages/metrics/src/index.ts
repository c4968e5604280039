export type { Metrics } from './buffer/metric-scope.js'
export { coldStartMetricName } from './buffer/metrics-buffer.js'
export {
  type MetricsOptions,
  metricsEnv,
  type OperationalGroup,
  operationalGroups,
} from './config/metrics-options.js'
export {
  type CreateMetricsOptions,
  createMetrics,
  type StandaloneMetrics,
} from './create-metrics/create-metrics.js'
export {
  maxDimensions,
  maxMetricsPerLine,
  maxValuesPerMetric,
} from './emf/limits.js'
export { type MetricResolution, type MetricUnit, metricUnits } from './emf/metric-unit.js'
export { InvalidMetricError, isInvalidMetricError } from './errors/invalid-metric-error.js'
export { type MetricsAdded, metrics } from './metrics/metrics.js'
export { operationalMetricNames } from './operational/operational-metrics.js'
