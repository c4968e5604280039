/**
 * The units CloudWatch knows, spelt as EMF's `Unit` takes them (the specification's JSON schema lists exactly these).
 * A metric without a unit is `'None'`.
 */
export const metricUnits = [
  'Seconds',
  'Microseconds',
  'Milliseconds',
  'Bytes',
  'Kilobytes',
  'Megabytes',
  'Gigabytes',
  'Terabytes',
  'Bits',
  'Kilobits',
  'Megabits',
  'Gigabits',
  'Terabits',
  'Percent',
  'Count',
  'Bytes/Second',
  'Kilobytes/Second',
  'Megabytes/Second',
  'Gigabytes/Second',
  'Terabytes/Second',
  'Bits/Second',
  'Kilobits/Second',
  'Megabits/Second',
  'Gigabits/Second',
  'Terabits/Second',
  'Count/Second',
  'None',
] as const

export type MetricUnit = (typeof metricUnits)[number]

/**
 * How finely CloudWatch stores a metric: `'standard'` per minute (EMF `StorageResolution` 60, the default),
 * `'high'` per second (1; billed as a high-resolution metric).
 */
export type MetricResolution = 'standard' | 'high'
