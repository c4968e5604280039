import { context, type SpanContext, trace } from '@opentelemetry/api'
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks'
import {
  BatchSpanProcessor,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
  TracerProvider,
} from '@opentelemetry/sdk-trace'

export interface InMemoryTracing {
  readonly exporter: InMemorySpanExporter
  readonly provider: TracerProvider
  spans(): ReadableSpan[]
  stop(): Promise<void>
}

/**
 * The OpenTelemetry SDK's own provider and in-memory exporter, registered globally with the async-hooks context
 * manager, as a Lambda function registers its provider. `batched`: a batch processor that holds spans for a minute,
 * so only a flush sends them (what the end of an invocation must do before Lambda freezes the process).
 */
export function startInMemoryTracing(options: { batched?: boolean } = {}): InMemoryTracing {
  const exporter = new InMemorySpanExporter()
  const processor = options.batched
    ? new BatchSpanProcessor({
        exporter,
        scheduledDelayMillis: 60_000,
        maxExportBatchSize: 10_000,
        maxQueueSize: 10_000,
      })
    : new SimpleSpanProcessor({ exporter })
  const provider = new TracerProvider({ spanProcessors: [processor] })
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable())
  trace.setGlobalTracerProvider(provider)
  return {
    exporter,
    provider,
    spans: () => exporter.getFinishedSpans(),
    async stop() {
      await provider.shutdown()
      trace.disable()
      context.disable()
    },
  }
}

/** The span `span`'s parent is, by id (undefined for a root span). */
export function parentIdOf(span: ReadableSpan): string | undefined {
  return span.parentSpanContext?.spanId
}

export function idsOf(span: ReadableSpan): SpanContext {
  return span.spanContext()
}
