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
  const { metrics } = group
  if (metrics.size === 0) return { lines: [], metadataLeftOut: false }
  const dimensions = dimensionsJson(group, sensitive)
  const parts: LineParts = {
    head: `{"_aws":{"Timestamp":${Math.round(timestampMs)},"CloudWatchMetrics":[{"Namespace":${jsonString(namespace, sensitive)},"Dimensions":[[${dimensions.set}]],"Metrics":[`,
    dimensionMembers: dimensions.members,
    metadataMembers: group.metadata.size === 0 ? '' : metadataMembersJson(group, sensitive),
    metadataLeftOut: false,
  }
  if (fitsOneLine(metrics)) {
    // The common case: no metric to split, so no bookkeeping of what is written.
    let definitions = ''
    let members = ''
    for (const [name, metric] of metrics) {
      const nameJson = jsonString(name, sensitive)
      definitions += `${definitions === '' ? '' : ','}${definitionJson(nameJson, metric)}`
      members += `,${nameJson}:${valuesJson(metric.values, 0, metric.values.length)}`
    }
    return { lines: [lineOf(parts, definitions, members)], metadataLeftOut: parts.metadataLeftOut }
  }
  const entries = [...metrics]
  const lines: string[] = []
  // How many values of each metric are written already; a line takes the next ones of up to 100 metrics.
  const written = entries.map(() => 0)
  for (;;) {
    let definitions = ''
    let members = ''
    for (const index of metricsOfNextLine(entries, written)) {
      const [name, metric] = entries[index] as [string, RecordedMetric]
      const from = written[index] as number
      const to = Math.min(from + maxValuesPerMetric, metric.values.length)
      written[index] = to
      const nameJson = jsonString(name, sensitive)
      definitions += `${definitions === '' ? '' : ','}${definitionJson(nameJson, metric)}`
      members += `,${nameJson}:${valuesJson(metric.values, from, to)}`
    }
    if (definitions === '') break
    lines.push(lineOf(parts, definitions, members))
  }
  return { lines, metadataLeftOut: parts.metadataLeftOut }
}

/** What every line of a group shares, and whether its metadata had to be left out of one. */
interface LineParts {
  readonly head: string
  readonly dimensionMembers: string
  readonly metadataMembers: string
  metadataLeftOut: boolean
}

function lineOf(parts: LineParts, definitions: string, members: string): string {
  const body = `${parts.head}${definitions}]}]}${parts.dimensionMembers}${members}`
  const line = `${body}${parts.metadataMembers}}\n`
  if (parts.metadataMembers === '' || !tooLong(line)) return line
  parts.metadataLeftOut = true
  return `${body}}\n`
}

function definitionJson(nameJson: string, metric: RecordedMetric): string {
  return `{"Name":${nameJson},"Unit":"${metric.unit}"${metric.highResolution ? ',"StorageResolution":1' : ''}}`
}

function fitsOneLine(metrics: ReadonlyMap<string, RecordedMetric>): boolean {
  if (metrics.size > maxMetricsPerLine) return false
  for (const metric of metrics.values()) if (metric.values.length > maxValuesPerMetric) return false
  return true
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

/** A group's dimensions as JSON: the names of its DimensionSet, and the members that hold their values. */
interface DimensionsJson {
  readonly set: string
  readonly members: string
}

// The default dimensions' JSON, made once per metrics() (its map lives as long) and per sensitive pattern.
const defaultsJson = /* @__PURE__ */ new WeakMap<
  ReadonlyMap<string, string>,
  DimensionsJson & { readonly sensitive: RegExp | undefined }
>()

function dimensionsJson(group: MetricGroup, sensitive: RegExp | undefined): DimensionsJson {
  const { defaultDimensions, dimensions } = group
  let overrides = false
  if (dimensions !== undefined)
    for (const name of dimensions.keys()) overrides ||= defaultDimensions.has(name)
  if (overrides) return joined(defaultDimensions, dimensions, sensitive)
  let base = defaultsJson.get(defaultDimensions)
  if (base === undefined || base.sensitive !== sensitive) {
    base = { ...joined(defaultDimensions, undefined, sensitive), sensitive }
    defaultsJson.set(defaultDimensions, base)
  }
  if (dimensions === undefined) return base
  const own = joined(dimensions, undefined, sensitive)
  return {
    set: base.set === '' ? own.set : `${base.set},${own.set}`,
    members: `${base.members}${own.members}`,
  }
}

/** The defaults in their order, each with its value in `own` if it has one, then the names only `own` has. */
function joined(
  defaults: ReadonlyMap<string, string>,
  own: ReadonlyMap<string, string> | undefined,
  sensitive: RegExp | undefined,
): DimensionsJson {
  let set = ''
  let members = ''
  const add = (name: string, value: string) => {
    const nameJson = jsonString(name, sensitive)
    set += `${set === '' ? '' : ','}${nameJson}`
    members += `,${nameJson}:${jsonString(value, sensitive)}`
  }
  for (const [name, value] of defaults) add(name, own?.get(name) ?? value)
  if (own !== undefined) for (const [name, value] of own) if (!defaults.has(name)) add(name, value)
  return { set, members }
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
