import type { MetricUnit } from './metric-unit.js'

/** One metric's values, as added: its unit and resolution fixed by the first add. */
export interface RecordedMetric {
  readonly unit: MetricUnit
  readonly highResolution: boolean
  readonly values: number[]
}

/**
 * What one or more EMF lines carry: metrics under one set of dimensions, and metadata. Every name is a member of the
 * line's root, so one name is never two of these.
 */
export interface MetricGroup {
  /** The dimensions every line of the metrics has (`service` and the default ones): one long-lived map. */
  readonly defaultDimensions: ReadonlyMap<string, string>
  /** The group's own dimensions, over the default ones (a value for a default name replaces it); none for most. */
  readonly dimensions: ReadonlyMap<string, string> | undefined
  readonly metrics: ReadonlyMap<string, RecordedMetric>
  readonly metadata: ReadonlyMap<string, unknown>
}
