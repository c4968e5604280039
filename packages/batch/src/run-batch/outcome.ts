/**
 * What became of one record of a batch. The schedulers fill one per record; the adapters turn them into the
 * partial batch response. Nothing here knows about AWS.
 */
export type Outcome = Succeeded | Failed | Parked | NotRun

export interface Succeeded {
  readonly status: 'succeeded'
}

/** The record ran (or its request could not be built) and threw or rejected. */
export interface Failed {
  readonly status: 'failed'
  readonly error: unknown
  /** Set when the failure was permanent and parking it on the dead-letter queue failed too. */
  readonly parkingError?: unknown
}

/** The record failed permanently and is stored on the dead-letter queue: reported as processed. */
interface Parked {
  readonly status: 'parked'
  readonly error: unknown
}

/**
 * The record never started: the deadline came first, or an earlier record of its ordered lane failed (running it
 * would break the order the source promises). `blockedBy` is the index of that earlier failure.
 */
export type NotRun =
  | { readonly status: 'not-run'; readonly reason: 'deadline' }
  | { readonly status: 'not-run'; readonly reason: 'earlier-failure'; readonly blockedBy: number }

export type NotRunReason = NotRun['reason']

// Shared, frozen: success is the common case and should allocate nothing.
export const succeeded: Succeeded = /* @__PURE__ */ Object.freeze({ status: 'succeeded' })
export const notRunAtDeadline: NotRun = /* @__PURE__ */ Object.freeze({
  status: 'not-run',
  reason: 'deadline',
})

export function failed(error: unknown, parkingError?: unknown): Failed {
  return parkingError === undefined ? { status: 'failed', error } : { status: 'failed', error, parkingError }
}

export function blockedBy(index: number): NotRun {
  return { status: 'not-run', reason: 'earlier-failure', blockedBy: index }
}

/**
 * The work for one record, by its index in the batch: returns a value (done synchronously), a promise (done when
 * it settles), or throws (failed synchronously). All three are the record's outcome.
 */
export type Task = (index: number) => unknown

/** When a run must stop starting records. */
export interface RunLimits {
  /**
   * Aborted when no record may start any more (the invocation's deadline guard). The run then returns at once:
   * records still in flight count as failed with the signal's reason, records not started as not run.
   */
  readonly signal?: AbortSignal | undefined
  /**
   * Epoch ms after which no record starts, checked before each start. The signal alone is not enough: a batch of
   * synchronous handlers never yields to the timer that would abort it.
   */
  readonly cutoffAtMs?: number | undefined
}
