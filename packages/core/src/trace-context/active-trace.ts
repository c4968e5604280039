import { invocationKey } from '../engine/request.js'

/** The ids of a span, as OpenTelemetry writes them: 32 and 16 lower-case hex digits. */
export interface TraceIds {
  readonly traceId: string
  readonly spanId: string
}

/** Reads the span active for `request` (a record's span on batch sources), or undefined when none is recording. */
export type ActiveTraceReader = (request: object) => TraceIds | undefined

/** Where an invocation keeps its reader: global, so copies of core loaded side by side find it. */
export const activeTraceReaderKey: unique symbol = Symbol.for('tsumiki.active-trace') as never

type Traced = { [activeTraceReaderKey]?: ActiveTraceReader | undefined }

/**
 * Tells the invocation `from` belongs to how to read its active span: @tsumiki/tracing calls it once per invocation,
 * so the logger can put `trace_id` and `span_id` on every line without knowing OpenTelemetry. Per invocation, never
 * module state: overlapping invocations each read their own.
 */
export function setActiveTraceReader(from: object, reader: ActiveTraceReader): void {
  const invocation = (from as { readonly [invocationKey]?: Traced })[invocationKey] ?? (from as Traced)
  invocation[activeTraceReaderKey] = reader
}

/**
 * The ids of the span active for `request`, when a tracer registered a reader for its invocation; else undefined,
 * at the cost of two property reads.
 */
export function activeTraceIds(request: object | undefined): TraceIds | undefined {
  if (request === undefined || request === null) return undefined
  const invocation = (request as { readonly [invocationKey]?: Traced })[invocationKey]
  const reader = invocation?.[activeTraceReaderKey]
  return reader === undefined ? undefined : reader(request)
}
