import type { Context } from 'aws-lambda'
import { DeadlineExceededError } from '../errors/deadline-exceeded-error.js'
import { isPromiseLike } from './is-promise-like.js'

/**
 * Everything that lives exactly as long as one Lambda invocation: its context, its deadline and its cancellation.
 * Every request of the invocation (one, or one per record) points at it; nothing of it is module state, so
 * invocations that run at the same time in one process (Lambda Managed Instances) never see each other's.
 *
 * The deadline guard: at the cut-off (`marginMs` before Lambda's timeout) the signal aborts and the innermost results
 * still pending in the chain reject with `DeadlineExceededError`. Each layer outside them then has one turn of the
 * event loop to react (log, clean up, answer with what it has); a layer still pending after that turn is hung itself,
 * and rejects in the next round. So a hung handler, a hung middleware and a hung init all end in an answer, and a
 * middleware that recovers from the deadline keeps its answer. One timer per invocation, armed only once something
 * is pending or the signal is read.
 */
export class Invocation {
  readonly context: Context
  readonly coldStart: boolean
  /** How long before `deadlineAtMs` the guard fires (0 when the guard is off). */
  readonly marginMs: number
  readonly #guardOn: boolean
  #deadlineAtMs: number | undefined
  #controller: AbortController | undefined
  #expiredWith: DeadlineExceededError | undefined
  /** The results still pending, with their depth in the chain (the innermost step is the deepest). */
  readonly #pending = new Set<PendingResult>()
  #timer: ReturnType<typeof setTimeout> | undefined
  #over = false

  constructor(context: Context, coldStart: boolean, marginMs: number | false) {
    this.context = context
    this.coldStart = coldStart
    this.#guardOn = marginMs !== false
    this.marginMs = marginMs === false ? 0 : marginMs
  }

  /**
   * When Lambda stops the invocation (epoch ms); `Infinity` when the context cannot tell. Read when first asked:
   * `getRemainingTimeInMillis()` counts down to a fixed deadline, so the answer is the same whenever it is asked.
   */
  get deadlineAtMs(): number {
    if (this.#deadlineAtMs === undefined) {
      const remainingMs =
        typeof this.context?.getRemainingTimeInMillis === 'function'
          ? this.context.getRemainingTimeInMillis()
          : Number.NaN
      this.#deadlineAtMs = Number.isFinite(remainingMs) ? Date.now() + remainingMs : Number.POSITIVE_INFINITY
    }
    return this.#deadlineAtMs
  }

  /** When the guard fires (epoch ms): `marginMs` before the deadline; `Infinity` when the guard is off. */
  get cutoffAtMs(): number {
    return this.#guardOn ? this.deadlineAtMs - this.marginMs : Number.POSITIVE_INFINITY
  }

  /** Aborts, with the `DeadlineExceededError` as its reason, when the guard fires. */
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
   * Passes a synchronous result through; a promise or other thenable comes back as a promise that settles as it
   * does, or rejects with `DeadlineExceededError` if it is still pending when the guard reaches its `depth` (where
   * it sits in the chain, numbered by chain-depth.ts: the deeper, the sooner it is cut).
   */
  guard<T>(result: T, depth: number): T | Promise<Awaited<T>> {
    if (!this.#guardOn || !isPromiseLike(result)) return result
    return new Promise<Awaited<T>>((resolve, reject) => {
      if (this.#expiredWith !== undefined) {
        reject(this.#expiredWith)
        return
      }
      const pending = this.#pending
      const entry: PendingResult = { reject, depth }
      pending.add(entry)
      this.#arm()
      const settle = () => {
        pending.delete(entry)
        if (pending.size === 0 && this.#controller === undefined) this.#disarm()
      }
      try {
        result.then(
          (value) => {
            settle()
            resolve(value as Awaited<T>)
          },
          (error: unknown) => {
            settle()
            reject(error)
          },
        )
      } catch (error) {
        // A thenable whose then() throws fails like a rejected promise.
        settle()
        reject(error)
      }
    })
  }

  /** The invocation is over: its timer is cleared and nothing of it stays watched. */
  dispose(): void {
    this.#over = true
    this.#pending.clear()
    this.#disarm()
  }

  #arm(): void {
    // Never once expired: guard() and the signal getter check that first.
    if (this.#timer !== undefined || this.#over) return
    const cutoffAtMs = this.cutoffAtMs
    if (cutoffAtMs === Number.POSITIVE_INFINITY) return
    const waitMs = cutoffAtMs - Date.now()
    if (waitMs <= 0) {
      this.#expire()
      return
    }
    this.#timer = setTimeout(() => this.#expire(), waitMs)
    // The guard never keeps a process alive on its own (local runs, tests).
    this.#timer.unref()
  }

  #disarm(): void {
    clearTimeout(this.#timer)
    this.#timer = undefined
  }

  /** Called once: by the one timer #arm() sets (dispose() clears it), or by #arm() itself when the cut-off is past. */
  #expire(): void {
    this.#timer = undefined
    const remainingMs = Math.max(0, Math.round(this.deadlineAtMs - Date.now()))
    const error = new DeadlineExceededError(this.marginMs, remainingMs)
    this.#expiredWith = error
    this.#controller?.abort(error)
    this.#cutInnermost(error)
  }

  /** One round: the deepest pending results reject; the next round comes after the layers around them reacted. */
  #cutInnermost(error: DeadlineExceededError): void {
    // After dispose() the set is empty, and an empty set cuts nothing.
    let deepest = Number.NEGATIVE_INFINITY
    for (const entry of this.#pending) deepest = Math.max(deepest, entry.depth)
    for (const entry of [...this.#pending]) {
      if (entry.depth !== deepest) continue
      this.#pending.delete(entry)
      entry.reject(error)
    }
    if (this.#pending.size === 0) return
    setTimeout(() => this.#cutInnermost(error), 0).unref()
  }
}

interface PendingResult {
  readonly reject: (error: DeadlineExceededError) => void
  readonly depth: number
}
