import { isPromiseLike } from '@tsumiki/core'
import {
  failed,
  notRunAtDeadline,
  type Outcome,
  type RunLimits,
  succeeded,
  type Task,
} from '../run-batch/outcome.js'

/** A task's result when it settled synchronously; `pending` when it returned a promise. */
export type StartResult = 'succeeded' | 'failed' | 'pending'

/**
 * The bookkeeping every scheduler shares: the outcome of each record, how many are in flight, the cut-off, and the
 * one promise the run resolves. The schedulers decide only *which* record starts next.
 */
export class RunTracker {
  readonly outcomes: Outcome[]
  readonly result: Promise<readonly Outcome[]>
  inFlight = 0
  readonly #started: Uint8Array
  readonly #signal: AbortSignal | undefined
  readonly #cutoffAtMs: number
  #resolve: (outcomes: readonly Outcome[]) => void = () => {}
  #finished = false
  #onAbort: (() => void) | undefined

  constructor(count: number, limits: RunLimits) {
    this.outcomes = new Array<Outcome>(count)
    this.#started = new Uint8Array(count)
    this.#signal = limits.signal
    this.#cutoffAtMs = limits.cutoffAtMs ?? Number.POSITIVE_INFINITY
    this.result = new Promise((resolve) => {
      this.#resolve = resolve
    })
    if (this.#signal !== undefined && !this.#signal.aborted) {
      // Records stuck past the deadline (in a middleware the guard does not cover) must not hold the response.
      this.#onAbort = () => this.finish()
      this.#signal.addEventListener('abort', this.#onAbort, { once: true })
    }
  }

  get finished(): boolean {
    return this.#finished
  }

  /** True once no record may start: the signal aborted or the cut-off time passed. */
  cutOff(): boolean {
    if (this.#signal?.aborted === true) return true
    return this.#cutoffAtMs !== Number.POSITIVE_INFINITY && Date.now() >= this.#cutoffAtMs
  }

  /**
   * Runs the task for one record. A synchronous result or throw is recorded at once and returned, so a batch of
   * synchronous handlers makes no promise per record; a promise counts as in flight and calls `onSettled` later.
   */
  start(index: number, task: Task, onSettled: (index: number, ok: boolean) => void): StartResult {
    this.#started[index] = 1
    let result: unknown
    try {
      result = task(index)
    } catch (error) {
      this.set(index, failed(error))
      return 'failed'
    }
    if (!isPromiseLike(result)) {
      this.set(index, succeeded)
      return 'succeeded'
    }
    this.inFlight++
    result.then(
      () => this.#settle(index, succeeded, onSettled),
      (error: unknown) => this.#settle(index, failed(error), onSettled),
    )
    return 'pending'
  }

  /**
   * Records an outcome. Once the run finished (the deadline can abort it even from inside a task) the outcomes
   * are the caller's, and stay as they are.
   */
  set(index: number, outcome: Outcome): void {
    if (!this.#finished) this.outcomes[index] = outcome
  }

  /**
   * Ends the run: records still in flight fail with the abort reason, records never started are not run. Later
   * settlements are ignored, so the outcomes the caller got never change under it.
   */
  finish(): void {
    if (this.#finished) return
    this.#finished = true
    if (this.#onAbort !== undefined) this.#signal?.removeEventListener('abort', this.#onAbort)
    const outcomes = this.outcomes
    for (let index = 0; index < outcomes.length; index++) {
      if (outcomes[index] !== undefined) continue
      outcomes[index] = this.#started[index] === 1 ? failed(this.#signal?.reason) : notRunAtDeadline
    }
    this.#resolve(outcomes)
  }

  #settle(index: number, outcome: Outcome, onSettled: (index: number, ok: boolean) => void): void {
    if (this.#finished) return
    this.inFlight--
    this.outcomes[index] = outcome
    onSettled(index, outcome === succeeded)
  }
}
