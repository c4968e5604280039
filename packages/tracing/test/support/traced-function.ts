// A function as a user deploys it with a self-registered provider: bundled whole, run under the Lambda runtime client.
import { context, trace } from '@opentelemetry/api'
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks'
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http'
import { BatchSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace'
import { sqs } from '@tsumiki/batch'
import { lambda } from '@tsumiki/core'
import { logger } from '@tsumiki/logger'
import { tracing } from '../../src/index.js'

// A batch processor that would hold the spans for a minute: only the flush at the end of the invocation sends them.
const provider = new TracerProvider({
  spanProcessors: [
    new BatchSpanProcessor({ exporter: new OTLPTraceExporter(), scheduledDelayMillis: 60_000 }),
  ],
})
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable())
trace.setGlobalTracerProvider(provider)

export const handler = lambda(sqs())
  .use(logger({ service: 'shipper' }))
  .use(tracing())
  .handle(async ({ body, log }) => {
    await trace.getTracer('shipper').startActiveSpan(`ship ${body}`, async (span) => {
      log.info('shipping', { shipment: body })
      span.end()
    })
  })
