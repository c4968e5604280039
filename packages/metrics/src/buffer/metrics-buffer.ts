import { type LogLevel, sensitivePattern, writeLine, writeLogLine } from '@tsumiki/core'
import type { Context } from 'aws-lambda'
import type { MetricsConfig } from '../config/metrics-options.js'
import { emfLines } from '../emf/emf-lines.js'
import type { MetricGroup, RecordedMetric } from '../emf/metric-group.js'
import { MetricScope, type ScopeOwner } from './metric-scope.js'
import { NameRegistry } from './name-registry.js'

/** The metric Powertools names its cold starts with, and so do we: dashboards carry over. */
export const coldStartMetricName = 'ColdStart'

/** What a group is made of while scopes are merged into it. */
interface GroupBuilder {
  readonly dimensions: ReadonlyMap<string, string> | undefined
  readonly metrics: Map<string, RecordedMetric>
  /** A key set to several values by the scopes of the group holds them as `Several`. */
  metadata: ReadonlyMap<string, unknown> | undefined
  /** False while `metadata` is the first scope's own map, lent: copied before anything changes it. */
  ownsMetadata: boolean
}

/** The values of a metadata key that the requests of one line set differently. */
class Several {
  readonly values: unknown[]

  constructor(values: unknown[]) {
    this.values = values
  }
}

const noMetadata: ReadonlyMap<string, unknown> = /* @__PURE__ */ new Map()

/**
 * Everything one invocation measures (or what `createMetrics()` collects until `flush()`): a scope per request,
 * merged at the end into one group per distinct set of dimensions, each written as EMF lines through core's one log
 * writer. Nothing of it is module state.
 */
export class MetricsBuffer implements ScopeOwner {
  readonly config: MetricsConfig
  readonly registry = new NameRegistry()
  readonly #scopes: MetricScope[] = []
  readonly #context: Context | undefined
  readonly #coldStart: boolean
  #ended = false
  /** Metrics added to the invocation as a whole (the operational counters), under the default dimensions only. */
  #invocationMetrics: (() => ReadonlyMap<string, RecordedMetric>) | undefined

  constructor(config: MetricsConfig, context: Context | undefined, coldStart: boolean) {
    this.config = config
    this.#context = context
    this.#coldStart = coldStart
    for (const name of config.defaultDimensions.keys()) this.registry.claim(name, 'dimension')
  }

  get defaultDimensions(): ReadonlyMap<string, string> {
    return this.config.defaultDimensions
  }

  get ended(): boolean {
    return this.#ended
  }

  /** A new scope: what `request.metrics` is for one request. */
  scope(): MetricScope {
    const scope = new MetricScope(this)
    this.#scopes.push(scope)
    return scope
  }

  /** Adds the invocation's own metrics at the flush, read then: the counters of the signals observed until the end. */
  addInvocationMetrics(read: () => ReadonlyMap<string, RecordedMetric>): void {
    this.#invocationMetrics = read
  }

  /**
   * Writes every line: one per group of scopes with the same dimensions (more where a group has over 100 metrics or
   * a metric over 100 values), then the cold start's. Once: later adds are written as they come (`late`).
   */
  flush(): void {
    if (this.#ended) return
    this.#ended = true
    if (this.config.disabled) return
    const groups = this.#groups()
    const wrote = this.#write(groups)
    if (this.#coldStart && this.config.coldStartMetric) this.#write([this.#coldStartGroup()])
    if (!wrote && this.config.warnWhenEmpty) {
      this.#log('WARN', 'No metrics were added in this invocation', { namespace: this.config.namespace })
    }
  }

  /**
   * A metric added after the flush (by work the invocation left running: a handler cut by the deadline that goes on)
   * is written at once, in a line of its own, rather than lost.
   */
  late(scope: MetricScope): void {
    if (this.config.disabled || scope.metrics === undefined) return
    const group = this.#builderFor(scope)
    this.#write([finished(this.config.defaultDimensions, group)])
  }

  /**
   * One group per distinct set of dimensions, in the order the scopes first added to each; the invocation's own
   * metrics go with the requests that added no dimensions.
   */
  #groups(): MetricGroup[] {
    const scopes = this.#scopes
    const invocationMetrics = this.#invocationMetrics?.()
    if (scopes.length === 1 && (invocationMetrics === undefined || invocationMetrics.size === 0)) {
      // One request per invocation (HTTP, EventBridge...): its metrics are the line, nothing to merge.
      const [only] = scopes as [MetricScope]
      return only.metrics === undefined
        ? []
        : [finished(this.config.defaultDimensions, this.#builderFor(only))]
    }
    const byKey = new Map<string, GroupBuilder>()
    for (const scope of this.#scopes) {
      if (scope.metrics === undefined) continue
      const key = scope.dimensions === undefined ? '' : this.#keyOf(scope.dimensions)
      const group = byKey.get(key)
      if (group === undefined) byKey.set(key, this.#builderFor(scope))
      else mergeInto(group, scope)
    }
    if (invocationMetrics !== undefined && invocationMetrics.size > 0) {
      const group = byKey.get('')
      if (group === undefined) {
        byKey.set('', {
          dimensions: undefined,
          metrics: new Map(invocationMetrics),
          metadata: undefined,
          ownsMetadata: false,
        })
      } else {
        for (const [name, metric] of invocationMetrics) addValues(group.metrics, name, metric)
      }
    }
    return [...byKey.values()].map((group) => finished(this.config.defaultDimensions, group))
  }

  /**
   * A group started from `scope`, which hands over its metrics (what it adds later is new) and lends its metadata
   * (copied only when another scope merges in).
   */
  #builderFor(scope: MetricScope): GroupBuilder {
    const metrics = scope.metrics ?? new Map()
    scope.metrics = undefined
    return { dimensions: scope.dimensions, metrics, metadata: scope.metadata, ownsMetadata: false }
  }

  /** A key equal for two scopes exactly when their dimensions, over the defaults, are equal. */
  #keyOf(own: ReadonlyMap<string, string>): string {
    const entries: string[] = []
    for (const [name, value] of own) {
      if (this.config.defaultDimensions.get(name) !== value) entries.push(`${name}\u0000${value}`)
    }
    return entries.sort().join('\u0000')
  }

  #coldStartGroup(): MetricGroup {
    const functionName = this.config.functionName ?? stringOf(this.#context, 'functionName')
    return {
      defaultDimensions: this.config.defaultDimensions,
      dimensions: functionName === undefined ? undefined : new Map([['function_name', functionName]]),
      metrics: new Map([[coldStartMetricName, { unit: 'Count', highResolution: false, values: [1] }]]),
      metadata: new Map(),
    }
  }

  /** Writes the groups' lines; true when there was a metric to write. */
  #write(groups: readonly MetricGroup[]): boolean {
    const timestampMs = Date.now()
    const sensitive = sensitivePattern()
    let wrote = false
    for (const group of groups) {
      const { lines, metadataLeftOut } = emfLines(this.config.namespace, group, timestampMs, sensitive)
      for (const line of lines) writeLine(line)
      wrote ||= lines.length > 0
      if (metadataLeftOut) {
        this.#log(
          'WARN',
          "Metric metadata left out of the EMF line: it would take the line past CloudWatch's 1 MB",
          {
            metadata: Object.fromEntries(group.metadata),
          },
        )
      }
    }
    return wrote
  }

  #log(level: LogLevel, message: string, fields: Readonly<Record<string, unknown>>): void {
    writeLogLine(level, message, fields, this.#context)
  }
}

/**
 * Moves a scope's metrics into a group (values appended; the scope keeps none, so what it adds later is new) and
 * copies its metadata in (a key set to another value than the group has becomes `Several`).
 */
function mergeInto(group: GroupBuilder, scope: MetricScope): void {
  for (const [name, metric] of scope.metrics ?? []) addValues(group.metrics, name, metric)
  scope.metrics = undefined
  if (scope.metadata === undefined) return
  // The first scope's metadata was lent: the group gets its own before it changes.
  const metadata = group.ownsMetadata ? (group.metadata as Map<string, unknown>) : new Map(group.metadata)
  group.ownsMetadata = true
  for (const [key, value] of scope.metadata) {
    const existing = metadata.get(key)
    if (!metadata.has(key)) metadata.set(key, value)
    else if (existing instanceof Several) {
      if (!existing.values.some((seen) => Object.is(seen, value))) existing.values.push(value)
    } else if (!Object.is(existing, value)) metadata.set(key, new Several([existing, value]))
  }
  group.metadata = metadata
}

function addValues(metrics: Map<string, RecordedMetric>, name: string, metric: RecordedMetric): void {
  const merged = metrics.get(name)
  if (merged === undefined) metrics.set(name, metric)
  else for (const value of metric.values) merged.values.push(value)
}

/** A group as written: a metadata key set to one value by every request is that value; set to several, all of them. */
function finished(defaultDimensions: ReadonlyMap<string, string>, group: GroupBuilder): MetricGroup {
  const { metadata } = group
  const { dimensions, metrics } = group
  if (metadata === undefined) return { defaultDimensions, dimensions, metrics, metadata: noMetadata }
  let written: Map<string, unknown> | undefined
  for (const [key, value] of metadata) {
    if (!(value instanceof Several)) continue
    written ??= new Map(metadata)
    written.set(key, [...value.values])
  }
  return { defaultDimensions, dimensions, metrics, metadata: written ?? metadata }
}

function stringOf(context: Context | undefined, name: 'functionName'): string | undefined {
  try {
    const value = context?.[name]
    return typeof value === 'string' && value !== '' ? value : undefined
  } catch {
    return undefined
  }
}
