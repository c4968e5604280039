import type { TracerProvider } from '@opentelemetry/api'
import { checkOptions, trueOrFalse, withMethod } from '@tsumiki/core'

export interface TracingOptions {
  /**
   * The provider to trace with and flush. Default: the one registered globally (`provider.register()`,
   * `trace.setGlobalTracerProvider()`, or the ADOT layer's), looked up at each invocation, so one registered after
   * the handler was built is used.
   */
  readonly provider?: TracerProvider | undefined
  /**
   * Flush the provider at the end of every invocation, before Lambda freezes the process, within the time the
   * deadline guard leaves. Default true; turn it off only where something else flushes (an extension that receives
   * the spans synchronously).
   */
  readonly flush?: boolean | undefined
  /** A span per record on batch sources (SQS, SNS, S3, Kinesis, DynamoDB Streams), linked to its producer. Default true. */
  readonly recordSpans?: boolean | undefined
}

export interface TracingConfig {
  readonly provider: TracerProvider | undefined
  readonly flush: boolean
  readonly recordSpans: boolean
}

export function resolveTracingConfig(where: string, options: TracingOptions | undefined): TracingConfig {
  checkOptions(where, options, {
    provider: withMethod('getTracer'),
    flush: trueOrFalse,
    recordSpans: trueOrFalse,
  })
  return {
    provider: options?.provider,
    flush: options?.flush ?? true,
    recordSpans: options?.recordSpans ?? true,
  }
}
