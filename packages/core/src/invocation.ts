import type { Context } from 'aws-lambda'
import { DeadlineExceededError } from './errors/deadline-exceeded-error.js'

/**
 * Everything that lives exactly as long as one Lambda invocation: its context, its deadline and its cancellation.
 * Every request of the invocation (one, or one per record) points at it; nothing of it is module state, so
 * invocations that run at the same time in one process (Lambda Managed Instances) never see each other's.
 *
 * The signal and the timer behind the deadline guard are made only when something needs them: an
 * `AbortController` costs ~2.5 µs and a timer ~0.3 µs, more than the whole engine costs a synchronous handler.
 */
export class Invocation {
  readonly context: Context
  readonly coldStart: boolean
  /** When Lambda stops the invocation (epoch ms); `Infinity` when the context cannot tell. */
  readonly deadlineAtMs: number
  /** How long before `deadlineAtMs` the guard fires; `Infinity` cut-off when the guard is off. */
  readonly marginMs: number
  readonly cutoffAtMs: number
  #controller: AbortController | undefined
  #timer: ReturnType<typeof setTimeout> | undefined
  #expiredWith: DeadlineExceededError | undefined
  #waiters: Array<(error: DeadlineExceededError) => void> | undefined
  #disposed = false

  constructor(context: Context, coldStart: boolean, marginMs: number | false) {
    this.context = context
    this.coldStart = coldStart
    const remainingMs =
      typeof context?.getRemainingTimeInMillis === 'function'
        ? context.getRemainingTimeInMillis()
        : Number.NaN
    this.deadlineAtMs = Number.isFinite(remainingMs) ? Date.now() + remainingMs : Number.POSITIVE_INFINITY
    this.marginMs = marginMs === false ? 0 : marginMs
    this.cutoffAtMs = marginMs === false ? Number.POSITIVE_INFINITY : this.deadlineAtMs - marginMs
  }

  /** Aborts, with a `DeadlineExceededError` as its reason, when the guard fires. */
  get signal(): AbortSignal {
    if (this.#controller === undefined) {
      this.#controller = new AbortController()
      if (this.#expiredWith !== undefined) this.#controller.abort(this.#expiredWith)
      else this.#arm()
    }
    return this.#controller.signal
  }

  get expired(): boolean {
    return this.#expiredWith !== undefined
  }

  /**
   * Races a handler's pending result against the deadline, so that a handler still running at the cut-off
   * rejects with `DeadlineExceededError` and every middleware awaiting `next()` sees it. A synchronous result
   * passes straight through: there is nothing to interrupt.
   */
  guard<T>(result: T | Promise<T>): T | Promise<T> {
    if (!(result instanceof Promise) || this.cutoffAtMs === Number.POSITIVE_INFINITY) return result
    this.#arm()
    const expiredWith = this.#expiredWith
    if (expiredWith !== undefined) {
      result.catch(ignoreLateFailure)
      return Promise.reject(expiredWith)
    }
    return new Promise<T>((resolve, reject) => {
      this.#waiters ??= []
      this.#waiters.push(reject)
      result.then(resolve, reject)
    })
  }

  /** Stops the timer; the invocation is over. */
  dispose(): void {
    this.#disposed = true
    if (this.#timer !== undefined) clearTimeout(this.#timer)
    this.#timer = undefined
    this.#waiters = undefined
  }

  #arm(): void {
    if (this.#timer !== undefined || this.#disposed || this.#expiredWith !== undefined) return
    if (this.cutoffAtMs === Number.POSITIVE_INFINITY) return
    const delayMs = this.cutoffAtMs - Date.now()
    if (delayMs <= 0) {
      this.#expire()
      return
    }
    this.#timer = setTimeout(() => this.#expire(), delayMs)
    // The guard must never keep a process alive on its own (local runs, tests).
    this.#timer.unref?.()
  }

  #expire(): void {
    if (this.#expiredWith !== undefined) return
    const error = new DeadlineExceededError(this.marginMs)
    this.#expiredWith = error
    this.#timer = undefined
    this.#controller?.abort(error)
    const waiters = this.#waiters
    this.#waiters = undefined
    if (waiters !== undefined) for (const reject of waiters) reject(error)
  }
}

// A handler cut short by the deadline may still fail later; that outcome no longer has anyone to tell.
function ignoreLateFailure(): void {}
