import { invocationKey } from '../engine/request.js'
import { writeLogLine } from '../log/write-log-line.js'

/**
 * The operational events tsumiki's packages report while an invocation runs, by name, with their fields: the one
 * list of them. Packages emit them with `emitSignal()`; observers an invocation registered (`Invocation.observe()`:
 * @tsumiki/metrics counts them) receive them. Declaration merging adds a package's own.
 */
export interface Signals {
  /**
   * A record of a batch reached its end (`runBatch()`: SQS, Kinesis, DynamoDB Streams, a user's own adapter; and
   * each record of SNS and S3): it succeeded, failed, was parked on a dead-letter queue, or never ran (the deadline
   * came first, or an earlier record of its ordered lane failed). Emitted once per record, after the batch ran.
   */
  readonly 'batch.record': {
    readonly source: string
    readonly recordId: string
    readonly outcome: 'succeeded' | 'failed' | 'parked' | 'not-run'
  }
  /**
   * What idempotency made of a call: seen for the first time (claimed, then run), a duplicate of a completed one
   * (answered from the store), one still in progress elsewhere (refused), answered from the local cache without a
   * store request, or sent with another payload under the same key (refused).
   */
  readonly 'idempotency.outcome': {
    readonly outcome: 'first-sight' | 'duplicate' | 'in-progress' | 'local-cache-hit' | 'payload-mismatch'
  }
  /**
   * The parameter cache read values from SSM or Secrets Manager (`fetched`), served values older than their maximum
   * age (`stale`: behind a refresh, or after a refresh failed) or could not read them (`failed`): `count` values, of
   * the `parameters` named by their keys (never a value). Reported to the invocation in which the cache next serves
   * values, so the cold start's prefetch and a background refresh are counted in the invocation that follows them.
   */
  readonly 'parameters.fetch': {
    readonly outcome: 'fetched' | 'stale' | 'failed'
    readonly count: number
    readonly parameters: readonly string[]
  }
  /** The HTTP adapter answered with `status`, whatever made the answer (the handler, an HttpError, a 500, a 504). */
  readonly 'http.answer': { readonly status: number }
  /** The router matched the request to the route declared as `route` (`/orders/{id}`): what a tracer names its span by. */
  readonly 'http.route': { readonly route: string; readonly method: string }
  /** The deadline guard fired: what was still running is being cut short. `remainingMs`: time left before Lambda's. */
  readonly 'deadline.cut': { readonly remainingMs: number; readonly marginMs: number }
}

export type SignalName = keyof Signals

/** The arguments an observer receives: a tuple per signal, so a `switch` on the name narrows the fields. */
export type SignalArguments = {
  [Name in SignalName]: [name: Name, fields: Signals[Name], from: object]
}[SignalName]

/**
 * Receives every signal of the invocation it was registered for. `from` is what emitted it: the request (a record's,
 * on batch sources), or the invocation when no request is concerned. Called synchronously, where the event happens:
 * keep it small; a throw is logged and goes no further.
 */
export type SignalObserver = (...signal: SignalArguments) => void

/** Where an invocation keeps its observers: global, so copies of core loaded side by side find them. */
export const signalObserversKey: unique symbol = Symbol.for('tsumiki.signal-observers') as never

type Observed = { readonly [signalObserversKey]?: readonly SignalObserver[] }

function observersOf(from: object | undefined): readonly SignalObserver[] | undefined {
  if (from === undefined || from === null) return undefined
  const invocation = (from as { readonly [invocationKey]?: Observed })[invocationKey] ?? (from as Observed)
  return invocation[signalObserversKey]
}

/**
 * Reports `name` about `from` (a request, or an invocation) to the observers of its invocation. Without any (no
 * metrics() in the chain) it reads a property and returns: a package emits unconditionally, and only builds
 * costly fields, or loops to emit, behind `hasSignalObservers()`.
 */
export function emitSignal<Name extends SignalName>(
  from: object | undefined,
  name: Name,
  fields: Signals[Name],
): void {
  const observers = observersOf(from)
  if (observers === undefined) return
  for (const observer of observers) {
    try {
      ;(observer as (name: Name, fields: Signals[Name], from: object) => void)(name, fields, from as object)
    } catch (error) {
      // An observer's fault is not the package's: the event goes on, the fault is told.
      writeLogLine('ERROR', `A signal observer failed on "${name}"`, { error })
    }
  }
}

/** True when the invocation of `from` has observers: whether a signal's costly fields are worth building. */
export function hasSignalObservers(from: object | undefined): boolean {
  return observersOf(from) !== undefined
}
