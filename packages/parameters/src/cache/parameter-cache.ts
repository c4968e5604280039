import { emitSignal, InvalidOptionError, logForRequest, oneOf } from '@tsumiki/core'
import type {
  ParameterDefinition,
  ParameterDefinitions,
  ParameterValues,
  Params,
} from '../definitions/definition.js'
import { ParameterError, type ParameterFailure } from '../errors/parameter-error.js'
import type { ResolvedStoreOptions } from '../store/store-options.js'
import { fetchDefinitions, type Outcome } from './fetch-definitions.js'
import { SharedAbort, untilAborted } from './shared-abort.js'

interface Entry {
  readonly key: string
  readonly definition: ParameterDefinition<unknown>
  readonly maxAgeMs: number
  hasValue: boolean
  value: unknown
  fetchedAtMs: number
  /** A refresh failed after the value was fetched: the stale value is served only within `staleIfErrorMs`. */
  failedSinceFetch: boolean
  /** The read in progress, which later callers join instead of starting their own. */
  inFlight: InFlight | undefined
  /** No background refresh before this time (set after one failed). */
  retryAtMs: number
}

interface InFlight {
  readonly outcome: Promise<Outcome>
  readonly abort: SharedAbort
}

/**
 * Who is reading: a request (its `signal` to honour, its `log` for warnings) or `{ signal }`. Read only when a
 * value has to be fetched, so the warm path never creates a request's abort controller.
 */
export interface Reader {
  readonly signal?: AbortSignal | undefined
  readonly log?: unknown
}

type FetchOutcome = 'fetched' | 'stale' | 'failed'

/** What happened to values since the last report: how many times, and to which (by key). */
interface Unreported {
  count: number
  readonly keys: Set<string>
}

/** After a background refresh failed, the next one waits this long, so an outage is not met with a read per call. */
const backgroundRetryPauseMs = 1000

/**
 * The caching rules, apart from how values are fetched. Per value: fresh for `maxAgeMs`, then refreshed in the
 * background (or waited for, with `refresh: 'blocking'`); one read in flight per value, joined by every caller;
 * a failure is never stored, only the fact that the last refresh failed. `current()` answers without a promise
 * while every value is fresh, so a warm invocation costs one clock read and one comparison.
 */
export class ParameterCache<Definitions extends ParameterDefinitions> {
  readonly #entries: Entry[]
  readonly #byKey = new Map<string, Entry>()
  readonly #options: ResolvedStoreOptions
  #snapshot: Params<Definitions> | undefined
  /** The earliest time any value goes stale: before it, the snapshot is served as it is. */
  #freshUntilMs = Number.NEGATIVE_INFINITY
  /**
   * Reads and stale serves not yet reported as `parameters.fetch` signals: reported to the next request `current()`
   * serves, so the cold start's prefetch and a refresh that ends after its invocation are counted too. Bounded: a
   * count and the keys, per outcome.
   */
  #unreported: Map<FetchOutcome, Unreported> | undefined

  constructor(definitions: Definitions, options: ResolvedStoreOptions) {
    this.#options = options
    this.#entries = Object.entries(definitions).map(([key, definition]) => ({
      key,
      definition,
      maxAgeMs: definition.maxAgeMs ?? options.maxAgeMs,
      hasValue: false,
      value: undefined,
      fetchedAtMs: 0,
      failedSinceFetch: false,
      inFlight: undefined,
      retryAtMs: 0,
    }))
    for (const entry of this.#entries) this.#byKey.set(entry.key, entry)
  }

  /** Every value: at once when all are fresh, else after whatever must be waited for. */
  current(reader: Reader): Params<Definitions> | Promise<Params<Definitions>> {
    const nowMs = this.#options.now()
    if (this.#snapshot !== undefined && nowMs < this.#freshUntilMs) {
      if (this.#unreported !== undefined) this.#report(reader)
      return this.#snapshot
    }
    const waiting = this.#serve(this.#entries, nowMs, reader)
    if (waiting === undefined) {
      this.#report(reader)
      return this.#values()
    }
    return waiting.then(
      () => {
        this.#report(reader)
        return this.#values()
      },
      (error: unknown) => {
        this.#report(reader)
        throw error
      },
    )
  }

  #note(outcome: FetchOutcome, key: string): void {
    this.#unreported ??= new Map()
    const unreported = this.#unreported.get(outcome)
    if (unreported === undefined) this.#unreported.set(outcome, { count: 1, keys: new Set([key]) })
    else {
      unreported.count++
      unreported.keys.add(key)
    }
  }

  /** Tells the invocation of `reader` what happened since the last report. */
  #report(reader: Reader): void {
    const unreported = this.#unreported
    if (unreported === undefined) return
    this.#unreported = undefined
    for (const [outcome, { count, keys }] of unreported) {
      emitSignal(reader, 'parameters.fetch', { outcome, count, parameters: [...keys] })
    }
  }

  /** Fetches everything not yet fetched (the cold start); one `ParameterError` names every failure. */
  async load(): Promise<void> {
    await this.#serve(this.#entries, this.#options.now(), {})
  }

  async get<Key extends keyof Definitions & string>(
    key: Key,
    reader: Reader,
  ): Promise<ParameterValues<Definitions>[Key]> {
    const entry = this.#entry(key)
    await this.#serve([entry], this.#options.now(), reader)
    return entry.value as ParameterValues<Definitions>[Key]
  }

  /** Reads one value afresh whatever its age (joining a read already in flight) and stores it. */
  async refresh<Key extends keyof Definitions & string>(
    key: Key,
    reader: Reader,
  ): Promise<ParameterValues<Definitions>[Key]> {
    const entry = this.#entry(key)
    const [outcome] = await this.#fetch([entry], reader.signal)
    if (outcome !== undefined && !outcome.ok)
      throw new ParameterError(outcome.failures, { cause: outcome.cause })
    return entry.value as ParameterValues<Definitions>[Key]
  }

  #entry(key: string): Entry {
    const entry = this.#byKey.get(key)
    if (entry === undefined) {
      throw new InvalidOptionError('ParameterStore', 'key', oneOf(...this.#byKey.keys()).expected, key)
    }
    return entry
  }

  /**
   * Decides, per value, between serving it, refreshing it behind the scenes, and waiting for it; returns
   * undefined when nothing has to be waited for.
   */
  #serve(entries: readonly Entry[], nowMs: number, reader: Reader): Promise<void> | undefined {
    const waitFor: Entry[] = []
    const behind: Entry[] = []
    for (const entry of entries) {
      if (!entry.hasValue) waitFor.push(entry)
      else if (nowMs - entry.fetchedAtMs < entry.maxAgeMs) continue
      else if (this.#options.refresh === 'background' && this.#servableWhileRefreshing(entry, nowMs))
        behind.push(entry)
      else waitFor.push(entry)
    }
    if (behind.length > 0) {
      for (const entry of behind) this.#note('stale', entry.key)
      this.#refreshBehind(behind, nowMs, reader)
    }
    if (waitFor.length === 0) return undefined
    return this.#fetch(waitFor, reader.signal).then((outcomes) => {
      const failures: ParameterFailure[] = []
      let cause: unknown
      for (const [index, outcome] of outcomes.entries()) {
        const entry = waitFor[index]
        if (outcome.ok || entry === undefined) continue
        if (entry.hasValue && this.#withinStaleIfError(entry, nowMs)) {
          this.#note('stale', entry.key)
          this.#warnStale(entry, outcome, reader)
          continue
        }
        failures.push(...outcome.failures)
        cause ??= outcome.cause
      }
      if (failures.length > 0) throw new ParameterError(failures, { cause })
    })
  }

  /** Background mode: a stale value is served while it is younger than the window its last refresh allows. */
  #servableWhileRefreshing(entry: Entry, nowMs: number): boolean {
    if (entry.failedSinceFetch) return this.#withinStaleIfError(entry, nowMs)
    return nowMs - entry.fetchedAtMs < entry.maxAgeMs + (this.#options.staleWhileRefreshMs ?? entry.maxAgeMs)
  }

  #withinStaleIfError(entry: Entry, nowMs: number): boolean {
    return nowMs - entry.fetchedAtMs < entry.maxAgeMs + this.#options.staleIfErrorMs
  }

  #refreshBehind(entries: readonly Entry[], nowMs: number, reader: Reader): void {
    const idle = entries.filter((entry) => !isBeingRead(entry) && nowMs >= entry.retryAtMs)
    if (idle.length === 0) return
    void this.#fetch(idle, undefined).then((outcomes) => {
      const failedAtMs = this.#options.now()
      for (const [index, outcome] of outcomes.entries()) {
        const entry = idle[index]
        if (outcome.ok || entry === undefined) continue
        entry.retryAtMs = failedAtMs + backgroundRetryPauseMs
        if (this.#withinStaleIfError(entry, failedAtMs)) this.#warnStale(entry, outcome, reader)
        else {
          this.#warn(reader, 'Background refresh failed; the next invocation waits for a new read', {
            parameters: outcome.failures.map((failure) => failure.name),
            reason: outcome.failures.map((failure) => failure.detail).join('; '),
          })
        }
      }
    })
  }

  #warnStale(entry: Entry, outcome: Extract<Outcome, { ok: false }>, reader: Reader): void {
    this.#warn(reader, 'Refresh failed; serving the value read before', {
      parameters: outcome.failures.map((failure) => failure.name),
      reason: outcome.failures.map((failure) => failure.detail).join('; '),
      ageMs: this.#options.now() - entry.fetchedAtMs,
    })
  }

  /** A warning about what `reader` reads, never with a value: messages name parameters. */
  #warn(reader: Reader, message: string, fields: Readonly<Record<string, unknown>>): void {
    logForRequest(reader, 'WARN', message, fields, this.#options.logger)
  }

  /** One read per value: joins those in flight, starts the others together; resolves each one's outcome. */
  #fetch(entries: readonly Entry[], signal: AbortSignal | undefined): Promise<Outcome[]> {
    const idle = entries.filter((entry) => !isBeingRead(entry))
    if (idle.length > 0) {
      const abort = new SharedAbort()
      const outcomes = fetchDefinitions(
        idle.map((entry) => entry.definition),
        this.#options.transport,
        abort.signal,
      )
      let remaining = idle.length
      for (const [index, entry] of idle.entries()) {
        const outcome = (outcomes[index] as Promise<Outcome>).then((result) => {
          if (entry.inFlight?.outcome === outcome) entry.inFlight = undefined
          // An aborted read says nothing about SSM or Secrets Manager: it neither stores nor counts as a failure.
          if (result.ok || !abort.signal.aborted) this.#store(entry, result)
          if (--remaining === 0) abort.finish()
          return result
        })
        entry.inFlight = { outcome, abort }
      }
    }
    return untilAborted(
      Promise.all(
        entries.map((entry) => {
          const inFlight = entry.inFlight as InFlight
          inFlight.abort.join(signal)
          return inFlight.outcome
        }),
      ),
      signal,
    )
  }

  #store(entry: Entry, outcome: Outcome): void {
    this.#note(outcome.ok ? 'fetched' : 'failed', entry.key)
    if (!outcome.ok) {
      if (entry.hasValue) entry.failedSinceFetch = true
      return
    }
    entry.value = outcome.value
    entry.hasValue = true
    entry.fetchedAtMs = this.#options.now()
    entry.failedSinceFetch = false
    this.#snapshot = undefined
  }

  /** The values as one frozen object, rebuilt only after a value changed. */
  #values(): Params<Definitions> {
    if (this.#snapshot !== undefined) return this.#snapshot
    const values: Record<string, unknown> = {}
    let freshUntilMs = Number.POSITIVE_INFINITY
    for (const entry of this.#entries) {
      Object.defineProperty(values, entry.key, { value: entry.value, enumerable: true })
      freshUntilMs = Math.min(
        freshUntilMs,
        entry.hasValue ? entry.fetchedAtMs + entry.maxAgeMs : Number.NEGATIVE_INFINITY,
      )
    }
    Object.defineProperty(values, 'refresh', {
      value: (key: keyof Definitions & string, options: { signal?: AbortSignal } = {}) =>
        this.refresh(key, options),
    })
    this.#snapshot = Object.freeze(values) as Params<Definitions>
    this.#freshUntilMs = freshUntilMs
    return this.#snapshot
  }
}

/** A read whose readers all gave up has been aborted: it is not joined, a new one starts. */
function isBeingRead(entry: Entry): boolean {
  return entry.inFlight !== undefined && !entry.inFlight.abort.signal.aborted
}
