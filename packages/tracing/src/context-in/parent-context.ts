import type { Context, SpanContext } from '@opentelemetry/api'
import { type InvocationRequest, xRayTraceHeaderOf } from '@tsumiki/core'
import type { OtelApi } from '../otel-api/load-otel-api.js'
import { parseTraceparent } from './traceparent.js'
import { parseXRayHeader } from './xray-header.js'

/**
 * The context an invocation's span continues: the caller's W3C `traceparent` (and `tracestate`) when the source has
 * headers and the caller sent one, else the invocation's X-Ray trace header when X-Ray samples it (per invocation: the
 * context's, the runtime's invocation store, then `_X_AMZN_TRACE_ID`; core reads it, as the logger does), else
 * none: a new trace.
 */
export function parentContext(api: OtelApi, request: InvocationRequest): Context {
  const spanContext = remoteSpanContext(api, request)
  return spanContext === undefined
    ? api.ROOT_CONTEXT
    : api.trace.setSpanContext(api.ROOT_CONTEXT, spanContext)
}

function remoteSpanContext(api: OtelApi, request: InvocationRequest): SpanContext | undefined {
  const { capabilities } = request
  const fromHeader = parseTraceparent(capabilities.headerOf(request, 'traceparent'))
  if (fromHeader !== undefined) {
    const tracestate = capabilities.headerOf(request, 'tracestate')
    return tracestate === undefined || tracestate.length > 512
      ? fromHeader
      : { ...fromHeader, traceState: api.createTraceState(tracestate) }
  }
  const fromXRay = parseXRayHeader(xRayTraceHeaderOf(request.context))
  // Lambda sets a header on every invocation, `Sampled=0` when X-Ray does not trace it (PassThrough): as a parent it
  // would make a parent-based sampler drop every span of the function. Only a sampled X-Ray trace is continued.
  return fromXRay?.traceFlags === 1 ? fromXRay : undefined
}
