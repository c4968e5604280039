/*
 * What CloudWatch accepts, from the Embedded Metric Format specification and the CloudWatch API reference
 * (`MetricDatum`, `Dimension`, `PutMetricData`). A line past one of them is dropped by CloudWatch without a word, so
 * every one is kept here: the counts by splitting lines, the rest by refusing the name or value where it is added.
 */

/** `Metrics` of one MetricDirective: at most 100 MetricDefinitions. More are written in further lines. */
export const maxMetricsPerLine = 100
/** A metric's member may be an array of at most 100 numbers. More values are written in further lines. */
export const maxValuesPerMetric = 100
/**
 * A DimensionSet holds at most 30 dimension keys, and a CloudWatch metric has at most 30 dimensions: a 31st cannot be
 * split off without changing which metric is measured, so it is refused where it is added.
 */
export const maxDimensions = 30
/** Metric names: 1 to 255 characters (the CloudWatch API's `MetricName`). */
export const maxNameLength = 255
/** Dimension names: 1 to 250 characters (EMF's schema; the CloudWatch API would take 255). */
export const maxDimensionNameLength = 250
/** Dimension values: 1 to 1024 characters. */
export const maxDimensionValueLength = 1024
/** Namespaces: 1 to 255 characters. */
export const maxNamespaceLength = 255
/** A log event, and so an EMF document: at most 1 MB. */
export const maxLineBytes = 1_048_576
/**
 * CloudWatch rejects values of a magnitude above 2^360, or below 2^-360 other than 0. Written out: a bundler keeps a
 * `2 ** 360` at module level in every bundle that imports the package.
 */
export const maxValueMagnitude = 2.3485425827738332e108
export const minValueMagnitude = 4.257959840008151e-109
