import type { LocalInvocation } from '@tsumiki/testing/runtime'

/** An EMF line as the timeline reads it: the metrics CloudWatch extracts, by name, and where they go. */
export interface MetricsLine {
  readonly namespace: string
  readonly dimensions: Readonly<Record<string, string>>
  /** Each metric's value, or its values when it has several. */
  readonly metrics: Readonly<Record<string, number | readonly number[]>>
}

interface EmfDocument {
  readonly _aws?: {
    readonly CloudWatchMetrics?: readonly {
      readonly Namespace?: string
      readonly Dimensions?: readonly (readonly string[])[]
      readonly Metrics?: readonly { readonly Name?: string }[]
    }[]
  }
  readonly [member: string]: unknown
}

/** Whether a log line is an EMF document (the metrics a function wrote) rather than an ordinary log line. */
export function isMetricsLine(line: Readonly<Record<string, unknown>>): boolean {
  return Object.hasOwn(line, '_aws')
}

/** The EMF lines one invocation wrote, read as metrics. */
export function metricsLinesOf(invocation: LocalInvocation): MetricsLine[] {
  return invocation.logs.json.filter(isMetricsLine).map((line) => readMetricsLine(line as EmfDocument))
}

export function readMetricsLine(document: EmfDocument): MetricsLine {
  const [directive] = document._aws?.CloudWatchMetrics ?? []
  const dimensions: Record<string, string> = {}
  for (const name of directive?.Dimensions?.[0] ?? []) dimensions[name] = String(document[name])
  const metrics: Record<string, number | readonly number[]> = {}
  for (const { Name } of directive?.Metrics ?? []) {
    if (Name !== undefined) metrics[Name] = document[Name] as number | readonly number[]
  }
  return { namespace: directive?.Namespace ?? '', dimensions, metrics }
}

/** The sum of a metric's values over the lines (0 when none has it). */
export function total(lines: readonly MetricsLine[], name: string): number {
  let sum = 0
  for (const line of lines) {
    const value = line.metrics[name]
    if (value === undefined) continue
    sum += Array.isArray(value) ? value.reduce((a: number, b: number) => a + b, 0) : (value as number)
  }
  return sum
}

/** `Shop service=orders: ordersPlaced=1 Http2xx=1`: the metrics that are not zero, as the timeline prints them. */
export function describeMetricsLine(line: MetricsLine): string {
  const where = [
    line.namespace,
    ...Object.entries(line.dimensions).map(([name, value]) => `${name}=${value}`),
  ]
  const counted = Object.entries(line.metrics)
    .filter(([, value]) => !(value === 0))
    .map(([name, value]) => `${name}=${Array.isArray(value) ? `[${value.join(',')}]` : value}`)
  return `${where.join(' ')}: ${counted.join(' ')}`
}
