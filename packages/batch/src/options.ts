import { InvalidOptionError, type Invocation } from '@tsumiki/core'
import { type FailureClass, failureClassifier } from './failure-class.js'
import type { RunLimits } from './outcome.js'
import type { DeadLetter } from './sqs-dead-letter.js'

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

/** The options every batch adapter shares for failures that can never succeed. */
export interface PermanentFailureOptions {
  /**
   * Marks more errors as permanent (the record itself is bad), besides `permanent()` and the codes
   * `VALIDATION_FAILED`, `MALFORMED_INPUT` and `INVALID_EVENT`. Everything else is transient.
   */
  readonly isPermanent?: (error: unknown) => boolean
  /**
   * Where permanent failures are parked (`sqsDeadLetter({ queueUrl })`): a parked record is reported as processed,
   * so it no longer blocks its shard or FIFO group. A record whose parking fails is reported as failed. Without
   * it, permanent failures are reported like any other.
   */
  readonly deadLetter?: DeadLetter
}

export function permanentFailureOptions(
  where: string,
  options: PermanentFailureOptions,
): { readonly classify: (error: unknown) => FailureClass; readonly deadLetter: DeadLetter | undefined } {
  const { isPermanent, deadLetter } = options
  if (isPermanent !== undefined && typeof isPermanent !== 'function') {
    throw new InvalidOptionError(where, 'isPermanent', 'a function (error) => boolean', isPermanent)
  }
  if (deadLetter !== undefined && typeof (deadLetter as Partial<DeadLetter> | null)?.park !== 'function') {
    throw new InvalidOptionError(where, 'deadLetter', 'sqsDeadLetter({ queueUrl })', deadLetter)
  }
  return { classify: failureClassifier(isPermanent), deadLetter }
}
