import type { TracerProvider } from '@opentelemetry/api'

/** A provider that can push out what it holds: every SDK provider, and what the ADOT layer registers. */
interface Flushable {
  readonly forceFlush: () => Promise<void>
}

/**
 * Sends what the provider still buffers, so the spans of an invocation reach the exporter's endpoint before Lambda
 * freezes the process (a frozen process sends nothing; its spans would leave with the next invocation, or never).
 * The global provider is the API's proxy: the provider registered behind it is what flushes. Undefined when there
 * is nothing to flush (no provider registered, or one that cannot flush).
 */
export function flushProvider(provider: TracerProvider): Promise<void> | undefined {
  const delegate = (provider as { readonly getDelegate?: () => TracerProvider }).getDelegate?.() ?? provider
  const flushable = delegate as Partial<Flushable>
  return typeof flushable.forceFlush === 'function' ? flushable.forceFlush() : undefined
}
