import type { Context } from 'aws-lambda'
import { type DeadlineWatch, unwatchDeadline, watchDeadline } from './deadline-timer.js'
import { DeadlineExceededError } from './errors/deadline-exceeded-error.js'

// Invocation's own bookkeeping, for PendingGuard only (set in Invocation's static block).
let watchGuard: (invocation: Invocation, guard: PendingGuard) => void
let releaseGuard: (invocation: Invocation, guard: PendingGuard) => void

/**
 * Everything that lives exactly as long as one Lambda invocation: its context, its deadline and its cancellation.
 * Every request of the invocation (one, or one per record) points at it; nothing of it is module state, so
 * invocations that run at the same time in one process (Lambda Managed Instances) never see each other's. Only
 * the timer that fires their guards is shared: one for the process (see deadline-timer.ts).
 *
 * Nothing is paid for until it is needed: the deadline is read from the context when something asks for it, the
 * `AbortController` (~0.1-2.5 µs) when the signal is read, and the timer only for a handler still running after a
 * microtask turn. A handler that answers at once costs the guard a promise and nothing else.
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
  /** Guards whose handler was still running after a microtask turn; they are rejected when the guard fires. */
  #pending: Set<PendingGuard> | undefined
  /** The signal was read: its abort is due at the cut-off, whether or not a handler is pending. */
  #signalWatch = false
  #watch: DeadlineWatch | undefined
  #disposed = false

  constructor(context: Context, coldStart: boolean, marginMs: number | false) {
    this.context = context
    this.coldStart = coldStart
    this.#guardOn = marginMs !== false
    this.marginMs = marginMs === false ? 0 : marginMs
  }

  /**
   * When Lambda stops the invocation (epoch ms); `Infinity` when the context cannot tell. Read from the context
   * when first asked: `getRemainingTimeInMillis()` counts down from the runtime's fixed deadline, so the answer
   * is the same whenever it is asked.
   */
  get deadlineAtMs(): number {
    if (this.#deadlineAtMs === undefined) {
      const context = this.context
      const remainingMs =
        typeof context?.getRemainingTimeInMillis === 'function'
          ? context.getRemainingTimeInMillis()
          : Number.NaN
      this.#deadlineAtMs = Number.isFinite(remainingMs) ? Date.now() + remainingMs : Number.POSITIVE_INFINITY
    }
    return this.#deadlineAtMs
  }

  /** When the guard fires (epoch ms): `marginMs` before the deadline; `Infinity` when the guard is off. */
  get cutoffAtMs(): number {
    return this.#guardOn ? this.deadlineAtMs - this.marginMs : Number.POSITIVE_INFINITY
  }

  /** Aborts, with a `DeadlineExceededError` as its reason, when the guard fires. */
  get signal(): AbortSignal {
    if (this.#controller === undefined) {
      this.#controller = new AbortController()
      if (this.#expiredWith !== undefined) this.#controller.abort(this.#expiredWith)
      else {
        this.#signalWatch = true
        this.#startWatch()
      }
    }
    return this.#controller.signal
  }

  get expired(): boolean {
    return this.#expiredWith !== undefined
  }

  /**
   * Races a handler's pending result against the deadline, so that a handler still running at the cut-off
   * rejects with `DeadlineExceededError` and every middleware awaiting `next()` sees it. A synchronous result
   * passes straight through: there is nothing to interrupt; so does, in effect, a promise that settles within the
   * microtask turn it was made in. Only a result still pending after that turn is watched by the deadline timer,
   * and only until it settles.
   */
  guard<T>(result: T | Promise<T>): T | Promise<T> {
    if (!(result instanceof Promise) || !this.#guardOn) return result
    const expiredWith = this.#expiredWith
    if (expiredWith !== undefined) {
      result.catch(ignoreLateFailure)
      return Promise.reject(expiredWith)
    }
    const wrapper = new Promise<T>(captureSettlers)
    const pending = new PendingGuard(this, capturedResolve as (value: unknown) => void, capturedReject)
    capturedResolve = undefined
    capturedReject = ignoreLateFailure
    result.then(
      (value) => pending.fulfil(value),
      (error: unknown) => pending.fail(error),
    )
    checkAfterThisTurn(pending)
    return wrapper
  }

  /** The invocation is over: nothing of it stays watched. */
  dispose(): void {
    this.#disposed = true
    this.#pending = undefined
    this.#stopWatch()
  }

  static {
    watchGuard = (invocation, guard) => invocation.#watchGuard(guard)
    releaseGuard = (invocation, guard) => invocation.#releaseGuard(guard)
  }

  /** A guard still pending after its first microtask turn: the deadline timer must watch this invocation. */
  #watchGuard(guard: PendingGuard): void {
    if (this.#disposed) return
    if (this.#expiredWith !== undefined) {
      guard.expire(this.#expiredWith)
      return
    }
    this.#pending ??= new Set()
    this.#pending.add(guard)
    guard.watched = true
    this.#startWatch()
  }

  /** A watched guard settled: forget it, and stop watching the deadline when nothing else needs it. */
  #releaseGuard(guard: PendingGuard): void {
    const pending = this.#pending
    if (pending === undefined) return
    pending.delete(guard)
    if (pending.size === 0 && !this.#signalWatch) this.#stopWatch()
  }

  #startWatch(): void {
    if (this.#watch !== undefined || this.#disposed || this.#expiredWith !== undefined) return
    const cutoffAtMs = this.cutoffAtMs
    if (cutoffAtMs === Number.POSITIVE_INFINITY) return
    if (cutoffAtMs <= Date.now()) this.#expire()
    else this.#watch = watchDeadline(cutoffAtMs, () => this.#expire())
  }

  #stopWatch(): void {
    if (this.#watch === undefined) return
    unwatchDeadline(this.#watch)
    this.#watch = undefined
  }

  #expire(): void {
    if (this.#expiredWith !== undefined) return
    const error = new DeadlineExceededError(this.marginMs)
    this.#expiredWith = error
    this.#stopWatch()
    const pending = this.#pending
    this.#pending = undefined
    this.#controller?.abort(error)
    if (pending !== undefined) for (const guard of pending) guard.expire(error)
  }
}

/** One handler result in flight through `Invocation.guard()`. */
class PendingGuard {
  readonly #invocation: Invocation
  readonly #resolve: (value: unknown) => void
  readonly #reject: (error: unknown) => void
  settled = false
  watched = false

  constructor(invocation: Invocation, resolve: (value: unknown) => void, reject: (error: unknown) => void) {
    this.#invocation = invocation
    this.#resolve = resolve
    this.#reject = reject
  }

  fulfil(value: unknown): void {
    this.#settle()
    this.#resolve(value)
  }

  fail(error: unknown): void {
    this.#settle()
    this.#reject(error)
  }

  expire(error: DeadlineExceededError): void {
    this.settled = true
    this.#reject(error)
  }

  /** The microtask turn is over: a result still pending is watched from now on. */
  check(): void {
    if (this.settled) return
    try {
      watchGuard(this.#invocation, this)
    } catch (error) {
      // The context's getRemainingTimeInMillis() threw: the chain fails with that, as it would have at the start.
      this.settled = true
      this.#reject(error)
    }
  }

  #settle(): void {
    if (this.settled) return
    this.settled = true
    if (this.watched) releaseGuard(this.#invocation, this)
  }
}

// `new Promise(captureSettlers)` hands its settlers over without a closure per promise.
let capturedResolve: ((value: never) => void) | undefined
let capturedReject: (error: unknown) => void = ignoreLateFailure
function captureSettlers(resolve: (value: never) => void, reject: (error: unknown) => void): void {
  capturedResolve = resolve
  capturedReject = reject
}

/**
 * Guards made during this microtask turn, checked once it is over: those whose handler already answered need no
 * timer at all. One microtask per turn, however many guards were made in it (a batch makes one per record).
 */
let unchecked: PendingGuard[] = []
let spare: PendingGuard[] = []

// A reaction on a settled promise, not queueMicrotask(): Node wraps each of those in an AsyncResource, which costs
// more than everything else the guard does.
const settled = Promise.resolve()

function checkAfterThisTurn(guard: PendingGuard): void {
  if (unchecked.push(guard) === 1) void settled.then(checkGuards)
}

function checkGuards(): void {
  // Swapped first: a guard made while these are checked (an abort listener may start an invocation) is checked
  // after its own turn.
  const guards = unchecked
  unchecked = spare
  for (const guard of guards) guard.check()
  guards.length = 0
  spare = guards
}

// A handler cut short by the deadline may still fail later; that outcome no longer has anyone to tell.
function ignoreLateFailure(): void {}
