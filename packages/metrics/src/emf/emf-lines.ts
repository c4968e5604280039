import { jsonString, safeJsonMembers } from '@tsumiki/core'
import { maxLineBytes, maxMetricsPerLine, maxValuesPerMetric } from './limits.js'
import type { MetricGroup, RecordedMetric } from './metric-group.js'

/** The lines of one group, and whether its metadata had to be left out of them (see `emfLines`). */
export interface EmfLines {
  readonly lines: string[]
  readonly metadataLeftOut: boolean
}

/**
 * The EMF documents of `group`, one JSON line each (`\n`-terminated), within CloudWatch's limits: at most 100 metrics
 * per line and 100 values per metric, so a group with more is written over as many lines as it takes, each with the
 * group's dimensions and metadata. Nothing is left out: every value added is in exactly one line. Metadata that would
 * take a line past 1 MB is left out of the lines (`metadataLeftOut`), for the caller to write as a log line instead.
 *
 * `sensitive` is core's pattern of registered sensitive values: a text that holds one is redacted, as in every line.
 */
export function emfLines(
  namespace: string,
  group: MetricGroup,
  timestampMs: number,
  sensitive: RegExp | undefined,
): EmfLines {
  const entries = [...group.metrics]
  if (entries.length === 0) return { lines: [], metadataLeftOut: false }
  const head = `{"_aws":{"Timestamp":${Math.round(timestampMs)},"CloudWatchMetrics":[{"Namespace":${jsonString(namespace, sensitive)},"Dimensions":[${dimensionSetJson(group, sensitive)}],"Metrics":[`
  const dimensionMembers = dimensionMembersJson(group, sensitive)
  const metadataMembers = group.metadata.size === 0 ? '' : metadataMembersJson(group, sensitive)
  const lines: string[] = []
  let metadataLeftOut = false
  // How many values of each metric are written already; a line takes the next ones of up to 100 metrics.
  const written = entries.map(() => 0)
  for (;;) {
    let definitions = ''
    let members = ''
    let count = 0
    for (const index of metricsOfNextLine(entries, written)) {
      const [name, metric] = entries[index] as [string, RecordedMetric]
      const from = written[index] as number
      if (from >= metric.values.length) continue
      const to = Math.min(from + maxValuesPerMetric, metric.values.length)
      written[index] = to
      const nameJson = jsonString(name, sensitive)
      definitions += `${count === 0 ? '' : ','}{"Name":${nameJson},"Unit":"${metric.unit}"${metric.highResolution ? ',"StorageResolution":1' : ''}}`
      members += `,${nameJson}:${valuesJson(metric.values, from, to)}`
      count++
    }
    if (count === 0) break
    const body = `${head}${definitions}]}]}${dimensionMembers}${members}`
    let line = `${body}${metadataMembers}}\n`
    if (metadataMembers !== '' && tooLong(line)) {
      line = `${body}}\n`
      metadataLeftOut = true
    }
    lines.push(line)
  }
  return { lines, metadataLeftOut }
}

/**
 * Which metrics the next line takes (indexes, in order): every one with values left when they fit in one line; else
 * the 100 with the most values left, which needs the fewest lines (as many as the longest metric has lines of
 * values, or as its metrics' lines of values fill, whichever is more).
 */
function metricsOfNextLine(
  entries: readonly [string, RecordedMetric][],
  written: readonly number[],
): number[] {
  const left: number[] = []
  for (let index = 0; index < entries.length; index++) {
    if ((written[index] as number) < (entries[index] as [string, RecordedMetric])[1].values.length)
      left.push(index)
  }
  if (left.length <= maxMetricsPerLine) return left
  const remaining = (index: number) =>
    (entries[index] as [string, RecordedMetric])[1].values.length - (written[index] as number)
  return left
    .sort((a, b) => remaining(b) - remaining(a) || a - b)
    .slice(0, maxMetricsPerLine)
    .sort((a, b) => a - b)
}

function dimensionSetJson(group: MetricGroup, sensitive: RegExp | undefined): string {
  let json = ''
  for (const name of group.dimensions.keys())
    json += `${json === '' ? '' : ','}${jsonString(name, sensitive)}`
  return `[${json}]`
}

function dimensionMembersJson(group: MetricGroup, sensitive: RegExp | undefined): string {
  let json = ''
  for (const [name, value] of group.dimensions)
    json += `,${jsonString(name, sensitive)}:${jsonString(value, sensitive)}`
  return json
}

function metadataMembersJson(group: MetricGroup, sensitive: RegExp | undefined): string {
  const fields: Record<string, unknown> = Object.create(null)
  for (const [key, value] of group.metadata) fields[key] = value
  return safeJsonMembers(fields, undefined, sensitive, undefined)
}

function valuesJson(values: readonly number[], from: number, to: number): string {
  if (to - from === 1) return String(values[from])
  let json = ''
  for (let index = from; index < to; index++) json += `${index === from ? '' : ','}${values[index]}`
  return `[${json}]`
}

/** Over 1 MB in UTF-8. A character is at most 3 bytes, so most lines are told apart by their length alone. */
function tooLong(line: string): boolean {
  return line.length * 3 > maxLineBytes && Buffer.byteLength(line, 'utf8') > maxLineBytes
}
