import type { Context, Span, Tracer } from '@opentelemetry/api'
import { type Invocation, type InvocationRequest, setActiveTraceReader } from '@tsumiki/core'
import type { TracingConfig } from '../config/tracing-options.js'
import { parentContext } from '../context-in/parent-context.js'
import { flushProvider } from '../flush/flush-provider.js'
import type { OtelApi } from '../otel-api/load-otel-api.js'
import { markDeadlineCut, recordAnswerStatus, recordFailure } from '../span-status/record-failure.js'
import { frontDoorRoute, httpSpanName } from './http-route.js'
import { invocationAttributes, triggerOf } from './invocation-attributes.js'

/** `SERVER`, `CONSUMER` and `INTERNAL` in the API's `SpanKind`. */
const spanKinds: Readonly<Record<string, number>> = { http: 1, pubsub: 4, datasource: 4 }
const internalKind = 0

/** One invocation's trace: its span, the context the chain runs in, and its records' spans (for log lines). */
export interface InvocationTrace {
  readonly span: Span
  readonly context: Context
  readonly recording: boolean
  readonly recordSpans: WeakMap<object, Span>
  /** The chain's own failure was recorded on the span (so the end does not record it again, nor a bare 5xx). */
  failureRecorded: boolean
}

/**
 * Starts the invocation's span, as a child of the caller's context, and ties the rest of the invocation to it: the
 * router's template renames it, the HTTP answer's status goes on it, the logger reads its ids, and the end of the
 * invocation (core's `onEnd()`, on success, failure and after the deadline guard cut) ends it and flushes the
 * provider. A span that does not record (no provider registered, or sampled out) gets none of that: a chain without
 * a provider pays for the API's no-op calls only.
 */
export function startInvocationTrace(
  api: OtelApi,
  tracer: Tracer,
  config: TracingConfig,
  invocation: Invocation,
  request: InvocationRequest,
): InvocationTrace {
  const parent = parentContext(api, request)
  const trigger = triggerOf(request)
  const method = (request as { readonly method?: unknown }).method
  const isHttp = typeof method === 'string'
  const route = isHttp ? frontDoorRoute(request.event) : undefined
  const name = isHttp ? httpSpanName(method, route) : (request.context?.functionName ?? request.kind)
  const span = tracer.startSpan(
    name,
    { kind: spanKinds[trigger] ?? internalKind, attributes: invocationAttributes(request, trigger) },
    parent,
  )
  const recording = span.isRecording()
  const trace: InvocationTrace = {
    span,
    context: api.trace.setSpan(parent, span),
    recording,
    recordSpans: new WeakMap(),
    failureRecorded: false,
  }
  if (!recording) return trace
  if (route !== undefined) span.setAttribute('http.route', route)
  invocation.observe((...[signal, fields]) => {
    if (signal === 'http.route' && isHttp) {
      span.updateName(httpSpanName(method, fields.route))
      span.setAttribute('http.route', fields.route)
    } else if (signal === 'http.answer') {
      recordAnswerStatus(span, fields.status, trace.failureRecorded)
    }
  })
  setActiveTraceReader(invocation, (from) => {
    const active = api.trace.getActiveSpan() ?? trace.recordSpans.get(from) ?? span
    const ids = active.spanContext()
    return api.isSpanContextValid(ids) ? { traceId: ids.traceId, spanId: ids.spanId } : undefined
  })
  invocation.onEnd((end) => {
    if (end.expired) markDeadlineCut(span)
    else if (end.failed && !trace.failureRecorded) recordFailure(span, end.error, false)
    span.end()
    return config.flush ? flushProvider(config.provider ?? api.trace.getTracerProvider()) : undefined
  })
  return trace
}
