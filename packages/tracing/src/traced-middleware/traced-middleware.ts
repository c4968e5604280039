import type { Middleware, Next } from '@tsumiki/core'
import { loadOtelApi, type OtelApi } from '../otel-api/load-otel-api.js'
import { recordFailure } from '../span-status/record-failure.js'
import { runInContext } from '../tracing/run-in-span.js'
import { tracerName } from '../tracing/tracer-name.js'

/**
 * The same middleware, with a span of its own (`middleware <name>`) around each of its runs, a child of the span
 * active there (the invocation's, a record's), the layers inside it its children: the onion on a timeline. Per
 * middleware, and off unless asked for: `.use(tracedMiddleware(validate({ body: Order })))`. Its types are the
 * middleware's own.
 */
export function tracedMiddleware<Needs extends object, Added extends object, State>(
  inner: Middleware<Needs, Added, State>,
): Middleware<Needs, Added, State> {
  let api: OtelApi | undefined
  const spanName = `middleware ${inner.name}`
  return {
    name: inner.name,
    async init() {
      api = await loadOtelApi('tracedMiddleware()')
      return (await inner.init?.()) as State
    },
    handle(request: Needs, next: Next<Added>, state: State) {
      if (api === undefined) return inner.handle(request, next, state)
      const { trace, context } = api
      const span = trace.getTracer(tracerName).startSpan(spanName, {}, context.active())
      return runInContext(
        api,
        trace.setSpan(context.active(), span),
        () => inner.handle(request, next, state),
        (error) => recordFailure(span, error, false),
        () => span.end(),
      )
    },
  }
}
