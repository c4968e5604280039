import type { ProxyTracerProvider, Tracer } from '@opentelemetry/api'
import { type InvocationRequest, invocationOf, type Middleware, onAwsClientMade } from '@tsumiki/core'
import { traceAwsClient } from '../aws-client/trace-aws-client.js'
import { resolveTracingConfig, type TracingOptions } from '../config/tracing-options.js'
import { startInvocationTrace } from '../invocation-span/invocation-trace.js'
import { loadOtelApi, type OtelApi } from '../otel-api/load-otel-api.js'
import { recordSpan } from '../record-span/record-span-options.js'
import { recordFailure } from '../span-status/record-failure.js'
import { runInContext } from './run-in-span.js'
import { tracerName } from './tracer-name.js'

/** What `init()` prepared: the API (loaded only by a function that traces) and the tracer. */
export interface TracingState {
  readonly api: OtelApi
  readonly tracer: Tracer
  /** True while no provider is registered: the chain runs untouched, with no span, context or end hook made. */
  readonly off: () => boolean
}

/**
 * OpenTelemetry spans for every invocation, on every adapter: one span per invocation (the FaaS conventions; on HTTP
 * named by the route template), continuing the caller's trace (a W3C `traceparent` header, else the invocation's
 * X-Ray trace header); on batch sources one span per record, linked to the producer's context the record carries.
 * Errors and deadline cut-offs are recorded on the spans with an ERROR status. The provider is flushed at the end of
 * every invocation, before Lambda freezes the process, within the time the deadline guard leaves. With no provider
 * registered it costs the API's no-op calls. Everything is per invocation: overlapping invocations never share a span.
 */
export function tracing(options?: TracingOptions): Middleware<InvocationRequest, {}, TracingState> {
  const config = resolveTracingConfig('tracing()', options)
  // The key of this middleware's state in each invocation: two tracing() in one chain never share.
  const key = Symbol('tracing')
  // Every client tsumiki's packages make (SSM, Secrets Manager, DynamoDB, SQS) gets its calls traced: once per process.
  onAwsClientMade(traceAwsClient)
  return {
    name: 'tracing',
    async init() {
      const api = await loadOtelApi('tracing()')
      const { provider } = config
      // The API's proxy hands out this one no-op provider until a provider is registered behind it.
      const noop = new api.ProxyTracerProvider().getDelegate()
      const off =
        provider === undefined
          ? () => (api.trace.getTracerProvider() as Partial<ProxyTracerProvider>).getDelegate?.() === noop
          : () => false
      return { api, tracer: (provider ?? api.trace.getTracerProvider()).getTracer(tracerName), off }
    },
    handle(request, next, { api, tracer, off }) {
      if (off()) return next()
      const invocation = invocationOf(request)
      if (invocation === undefined) return alone(api, tracer, request, next)
      const trace = invocation.local(key, () =>
        startInvocationTrace(api, tracer, config, invocation, request),
      )
      if (request.recordId === undefined || !config.recordSpans || !trace.recording) {
        return runInContext(api, trace.context, next, (error) => {
          if (!trace.recording || trace.failureRecorded) return
          trace.failureRecorded = true
          recordFailure(trace.span, error, request.capabilities.answersWithStatus)
        })
      }
      const { name, options: spanOptions } = recordSpan(request)
      const span = tracer.startSpan(name, spanOptions, trace.context)
      trace.recordSpans.set(request, span)
      return runInContext(
        api,
        api.trace.setSpan(trace.context, span),
        next,
        (error) => recordFailure(span, error, false),
        () => span.end(),
      )
    },
  }
}

/** A request no adapter made (a test calling the middleware by hand): a span of its own, ended when it is done. */
function alone(api: OtelApi, tracer: Tracer, request: InvocationRequest, next: () => unknown): unknown {
  const span = tracer.startSpan(request.kind)
  return runInContext(
    api,
    api.trace.setSpan(api.context.active(), span),
    next,
    (error) => recordFailure(span, error, request.capabilities.answersWithStatus),
    () => span.end(),
  )
}
