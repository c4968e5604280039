import type { Invocation } from '@tsumiki/core'
import type { RunLimits } from './outcome.js'

/** Checks a `concurrency` option once, when the adapter is made, so a typo fails at deploy and not per batch. */
export function concurrencyOption(adapter: string, value: number | undefined, fallback: number): number {
  const concurrency = value ?? fallback
  if (concurrency === Number.POSITIVE_INFINITY || (Number.isInteger(concurrency) && concurrency >= 1)) {
    return concurrency
  }
  throw new RangeError(
    `${adapter}({ concurrency }) must be a whole number of at least 1, or Infinity; got ${value}`,
  )
}

export function oneOf<T extends string>(
  adapter: string,
  name: string,
  value: T | undefined,
  allowed: readonly T[],
): T {
  const chosen = value ?? (allowed[0] as T)
  if (allowed.includes(chosen)) return chosen
  throw new RangeError(
    `${adapter}({ ${name} }) must be one of ${allowed.map((a) => `'${a}'`).join(', ')}; got ${value}`,
  )
}

/**
 * When the schedulers must stop starting records: the invocation's deadline guard. Without a deadline (guard off,
 * or a context that cannot tell) there is nothing to stop at, and no reason to make the invocation's signal.
 */
export function limitsOf(invocation: Invocation): RunLimits {
  if (invocation.cutoffAtMs === Number.POSITIVE_INFINITY) return {}
  return { signal: invocation.signal, cutoffAtMs: invocation.cutoffAtMs }
}
