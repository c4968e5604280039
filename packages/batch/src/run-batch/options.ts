import {
  aFunction,
  anyOf,
  type Invocation,
  type OptionRules,
  oneOf,
  trueOrFalse,
  wholeNumber,
  withMethod,
} from '@tsumiki/core'
import type { DeadLetter } from '../dead-letter/sqs-dead-letter.js'
import type { RunLimits } from './outcome.js'

/** The options every batch adapter takes. */
export interface SharedBatchOptions extends PermanentFailureOptions {
  readonly concurrency?: number | undefined
  readonly throwWhenEveryRecordFails?: boolean | undefined
}

/** The rules of the options every batch adapter takes, for its checkOptions() table beside its own. */
export function sharedBatchOptionRules(): OptionRules<SharedBatchOptions> {
  return {
    concurrency: anyOf(oneOf(Number.POSITIVE_INFINITY), wholeNumber(1)),
    throwWhenEveryRecordFails: trueOrFalse,
    isPermanent: aFunction,
    deadLetter: withMethod('park'),
  }
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
  readonly isPermanent?: ((error: unknown) => boolean) | undefined
  /**
   * Where permanent failures are parked (`sqsDeadLetter({ queueUrl })`): a parked record is reported as processed,
   * so it no longer blocks its shard or FIFO group. A record whose parking fails is reported as failed. Without
   * it, permanent failures are reported like any other.
   */
  readonly deadLetter?: DeadLetter | undefined
}
