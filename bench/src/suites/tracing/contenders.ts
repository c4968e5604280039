import './environment.js'
import { Tracer } from '@aws-lambda-powertools/tracer'
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware'
import middy from '@middy/core'
import { context as otelContext, trace } from '@opentelemetry/api'
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks'
import { BatchSpanProcessor, type SpanExporter, TracerProvider } from '@opentelemetry/sdk-trace'
import { lambda, raw } from '@tsumiki/core'
import { createContext } from '@tsumiki/testing'
import { tracing } from '@tsumiki/tracing'
import type { Context } from 'aws-lambda'

/*
 * The same work for every contender, one whole invocation per call: a span (a segment) for the invocation, closed
 * and handed to the exporter (flushed) before the invocation returns.
 */

export type Handler = (event: unknown, context: Context) => Promise<unknown>

export const event = { orderId: 'o-1', total: 42 }
export const context = createContext({ functionName: 'orders-api', remainingMs: 15 * 60_000 })

const work = (order: typeof event) => order.orderId

/** An exporter that accepts every batch at once: the CPU of making, ending and flushing spans, not of a network. */
const acceptingExporter: SpanExporter = {
  export: (_spans, done) => done({ code: 0 }),
  shutdown: () => Promise.resolve(),
}

export function bare(): Handler {
  return async (input) => work(input as typeof event)
}

/** tsumiki without tracing: what tracing()'s figures are taken against. */
export function tsumikiPlain(): Handler {
  return lambda(raw<typeof event>()).handle(({ event: order }) => work(order)) as Handler
}

/** Middy without tracing: what Powertools Tracer's figures are taken against. */
export function middyPlain(): Handler {
  return middy(async (order: typeof event) => work(order)) as unknown as Handler
}

/** tracing() with no provider registered: the API's no-op calls. */
export function tsumikiNoProvider(): Handler {
  return lambda(raw<typeof event>())
    .use(tracing())
    .handle(({ event: order }) => work(order)) as Handler
}

/** tracing() with the SDK's provider, a batch processor and an exporter that accepts at once, flushed per invocation. */
export function tsumikiWithProvider(): Handler {
  const provider = new TracerProvider({
    spanProcessors: [new BatchSpanProcessor({ exporter: acceptingExporter })],
  })
  otelContext.setGlobalContextManager(new AsyncLocalStorageContextManager().enable())
  trace.setGlobalTracerProvider(provider)
  return lambda(raw<typeof event>())
    .use(tracing())
    .handle(({ event: order }) => work(order)) as Handler
}

/** Powertools Tracer on Middy, as its docs show it: `captureLambdaHandler(tracer)`, a subsegment per invocation. */
export function powertoolsTracer(): Handler {
  const tracer = new Tracer({ serviceName: 'orders' })
  return middy(async (order: typeof event) => work(order)).use(
    captureLambdaHandler(tracer),
  ) as unknown as Handler
}

export const contenders = {
  tsumikiPlain: { label: 'tsumiki, no tracing', make: tsumikiPlain },
  middyPlain: { label: 'Middy, no tracing', make: middyPlain },
  tsumikiNoProvider: { label: 'tsumiki tracing(), no provider', make: tsumikiNoProvider },
  tsumikiWithProvider: { label: 'tsumiki tracing(), SDK provider, flushed', make: tsumikiWithProvider },
  powertoolsTracer: { label: 'Powertools Tracer (X-Ray SDK) on Middy', make: powertoolsTracer },
} as const

export type ContenderName = keyof typeof contenders
