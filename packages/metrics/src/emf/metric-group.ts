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
  /** Dimension names and values, in the order they are written. */
  readonly dimensions: ReadonlyMap<string, string>
  readonly metrics: ReadonlyMap<string, RecordedMetric>
  readonly metadata: ReadonlyMap<string, unknown>
}
