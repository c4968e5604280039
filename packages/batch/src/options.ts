import { InvalidOptionError, type Invocation } from '@tsumiki/core'
import type { RunLimits } from './outcome.js'

/** Checks a `concurrency` option once, when the adapter is made, so a typo fails at deploy and not per batch. */
export function concurrencyOption(where: string, value: number | undefined, fallback: number): number {
  const concurrency = value ?? fallback
  if (concurrency === Number.POSITIVE_INFINITY || (Number.isInteger(concurrency) && concurrency >= 1)) {
    return concurrency
  }
  throw new InvalidOptionError(where, 'concurrency', 'a whole number of at least 1, or Infinity', value)
}

export function oneOf<T extends string>(
  where: string,
  name: string,
  value: T | undefined,
  allowed: readonly T[],
): T {
  const chosen = value ?? (allowed[0] as T)
  if (allowed.includes(chosen)) return chosen
  throw new InvalidOptionError(where, name, `one of ${allowed.map((a) => `'${a}'`).join(', ')}`, value)
}

export function booleanOption<TOptions extends object>(
  where: string,
  options: TOptions,
  name: keyof TOptions & string,
  fallback: boolean,
): boolean {
  const value: unknown = options[name]
  if (value === undefined) return fallback
  if (typeof value === 'boolean') return value
  throw new InvalidOptionError(where, name, 'true or false', value)
}

/**
 * When the schedulers must stop starting records: the invocation's deadline guard. Without a deadline (guard off,
 * or a context that cannot tell) there is nothing to stop at, and no reason to make the invocation's signal.
 */
export function limitsOf(invocation: Invocation): RunLimits {
  if (invocation.cutoffAtMs === Number.POSITIVE_INFINITY) return {}
  return { signal: invocation.signal, cutoffAtMs: invocation.cutoffAtMs }
}
