import type { Context } from 'aws-lambda'
import { DeadlineExceededError } from '../errors/deadline-exceeded-error.js'
import { writeLogLine } from '../log/write-log-line.js'
import { emitSignal, type SignalObserver, signalObserversKey } from '../signals/signals.js'
import { type ActiveTraceReader, activeTraceReaderKey } from '../trace-context/active-trace.js'
import { isPromiseLike } from './is-promise-like.js'

/** How an invocation ended, as the work registered with `onEnd()` sees it. */
export interface InvocationEnd {
  /** The handler is about to throw `error` to the runtime (an HTTP source answers instead: it fails only on a bad event). */
  readonly failed: boolean
  /** What the handler throws; undefined when it did not fail. */
  readonly error: unknown
  /** The deadline guard fired during the invocation: its answer is what was left when it cut. */
  readonly expired: boolean
}

/** Work for the end of an invocation: may return a promise, which is awaited (within the time left). */
export type InvocationEndHook = (end: InvocationEnd) => unknown

/**
 * Of the margin the deadline guard keeps before Lambda's timeout, at most this much is kept back from the work at the
 * end of the invocation, for the runtime to send the answer.
 */
export const endReserveMs = 50

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
  /**
   * Per-invocation values of middlewares and packages, by the key each chose (`local()`): the first in two fields
   * (most chains have one middleware that keeps any), the others in a map.
   */
  #firstLocalKey: object | symbol | undefined
  #firstLocal: unknown
  #locals: Map<unknown, unknown> | undefined
  /** Work for the end of the invocation (`onEnd()`), in the order it was registered. */
  #endHooks: InvocationEndHook[] | undefined
  #ended = false
  // Declared, not a field: see RequestBase. Set by observe(), read by emitSignal(): absent until an observer comes.
  declare [signalObserversKey]?: readonly SignalObserver[]
  // The same: set by a tracer (setActiveTraceReader()), read by the logger for trace_id and span_id.
  declare [activeTraceReaderKey]?: ActiveTraceReader | undefined

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

  /**
   * The value `key` holds for this invocation, made by `make()` the first time it is asked for: how a middleware,
   * which runs once per record on batch sources, keeps one state per invocation (and finds it from any request of
   * it, through `invocationOf(request)`). Use a key of your own (a symbol made per middleware instance), so two
   * instances never share. Gone with the invocation.
   */
  local<T>(key: object | symbol, make: () => T): T {
    if (this.#firstLocalKey === key) return this.#firstLocal as T
    if (this.#locals?.has(key) === true) return this.#locals.get(key) as T
    const value = make()
    if (this.#firstLocalKey === undefined) {
      this.#firstLocalKey = key
      this.#firstLocal = value
    } else {
      this.#locals ??= new Map()
      this.#locals.set(key, value)
    }
    return value
  }

  /**
   * Runs `hook` when the invocation ends: after the adapter's answer is ready (or its failure known) and before the
   * handler returns to the runtime, whether it succeeded, failed or was cut by the deadline guard. Hooks run in the
   * reverse of the order they were registered (the onion unwinding). A promise a hook returns is awaited until
   * `endReserveMs` (at most the guard's margin) before Lambda's deadline; what is still running then is left, with a
   * warning. A hook that throws or rejects is logged, and the others still run. Registered after the end: never run.
   */
  onEnd(hook: InvocationEndHook): void {
    if (this.#ended) return
    this.#endHooks ??= []
    this.#endHooks.push(hook)
  }

  /**
   * Registers `observer` for the signals of this invocation (see `Signals`): every package's `emitSignal()` about any
   * request of it reaches it, until the invocation ends.
   */
  observe(observer: SignalObserver): void {
    if (this.#ended) return
    this[signalObserversKey] = [...(this[signalObserversKey] ?? []), observer]
  }

  /**
   * Ends the invocation: runs the `onEnd()` hooks. `undefined` when none is left waiting (nothing registered, or all
   * synchronous), else a promise that settles when the last one does, or at the end's time limit. Never rejects.
   * Called once, by the handler `lambda()` and `wrap()` build, before `dispose()`.
   */
  end(failed: boolean, error: unknown): Promise<void> | undefined {
    const hooks = this.#endHooks
    this.#endHooks = undefined
    this.#ended = true
    if (hooks === undefined) return undefined
    const ending: InvocationEnd = { failed, error, expired: this.expired }
    let waiting: Promise<unknown>[] | undefined
    for (let index = hooks.length - 1; index >= 0; index--) {
      try {
        const result = (hooks[index] as InvocationEndHook)(ending)
        if (isPromiseLike(result)) {
          waiting ??= []
          waiting.push(Promise.resolve(result).catch((cause: unknown) => this.#endFailed(cause)))
        }
      } catch (cause) {
        this.#endFailed(cause)
      }
    }
    if (waiting === undefined) return undefined
    return this.#withinEndTime(Promise.all(waiting))
  }

  /** The invocation is over: its timer is cleared and nothing of it stays watched, kept or observed. */
  dispose(): void {
    this.#over = true
    this.#ended = true
    this.#pending.clear()
    this.#disarm()
    this.#firstLocalKey = undefined
    this.#firstLocal = undefined
    this.#locals = undefined
    this.#endHooks = undefined
    if (this[signalObserversKey] !== undefined) this[signalObserversKey] = undefined
    if (this[activeTraceReaderKey] !== undefined) this[activeTraceReaderKey] = undefined
  }

  #endFailed(error: unknown): void {
    writeLogLine('ERROR', 'Work at the end of the invocation failed', { error }, this.context)
  }

  /** Waits for `work` until `endReserveMs` (or the guard's whole margin, if smaller) before the deadline. */
  #withinEndTime(work: Promise<unknown>): Promise<void> {
    const untilMs = this.deadlineAtMs - Math.min(this.marginMs, endReserveMs)
    if (untilMs === Number.POSITIVE_INFINITY) return work.then(() => undefined)
    return new Promise<void>((resolve) => {
      const timer = setTimeout(
        () => {
          writeLogLine(
            'WARN',
            'Work at the end of the invocation was still running at the deadline; the answer did not wait for it',
            {},
            this.context,
          )
          resolve()
        },
        Math.max(0, untilMs - Date.now()),
      )
      timer.unref()
      work.then(() => {
        clearTimeout(timer)
        resolve()
      })
    })
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
    emitSignal(this, 'deadline.cut', { remainingMs, marginMs: this.marginMs })
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
