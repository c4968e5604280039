import fc from 'fast-check'

/** How a record's handler takes its time: synchronously, after some microtasks, or after a timer. */
export type Delay =
  | { readonly kind: 'sync' }
  | { readonly kind: 'ticks'; readonly n: number }
  | { readonly kind: 'timer'; readonly ms: number }

export const delayArbitrary: fc.Arbitrary<Delay> = fc.oneof(
  fc.constant<Delay>({ kind: 'sync' }),
  fc.integer({ min: 0, max: 6 }).map((n): Delay => ({ kind: 'ticks', n })),
  fc.integer({ min: 0, max: 2 }).map((ms): Delay => ({ kind: 'timer', ms })),
)

export interface Probe {
  /** Starts and ends, in the order they happened. */
  readonly log: Array<{ readonly event: 'start' | 'end'; readonly index: number; readonly ok: boolean }>
  readonly maxInFlight: () => number
  /** Runs the fake work for record `index`: waits as `delay` says, then throws when `fails`. */
  readonly work: (index: number, delay: Delay, fails: boolean) => unknown
}

/** Counts how many records are in flight at once and logs the order they start and end in. */
export function probe(): Probe {
  let inFlight = 0
  let max = 0
  const log: Probe['log'] = []
  const ended = (index: number, ok: boolean) => {
    inFlight--
    log.push({ event: 'end', index, ok })
  }
  return {
    log,
    maxInFlight: () => max,
    work(index, delay, fails) {
      inFlight++
      max = Math.max(max, inFlight)
      log.push({ event: 'start', index, ok: true })
      if (delay.kind === 'sync') {
        ended(index, !fails)
        if (fails) throw new Error(`record ${index} failed`)
        return undefined
      }
      const result = wait(delay).then(() => {
        if (fails) throw new Error(`record ${index} failed`)
      })
      // Registered before the scheduler's own reactions, so the log sees the end right before the scheduler does.
      result.then(
        () => ended(index, true),
        () => ended(index, false),
      )
      return result
    },
  }
}

function wait(delay: Exclude<Delay, { kind: 'sync' }>): Promise<void> {
  if (delay.kind === 'timer') return new Promise<void>((resolve) => setTimeout(resolve, delay.ms))
  let promise = Promise.resolve()
  for (let tick = 0; tick < delay.n; tick++) promise = promise.then(() => {})
  return promise
}

export function startedIndices(log: Probe['log']): number[] {
  return log.filter((entry) => entry.event === 'start').map((entry) => entry.index)
}

/** A batch: per record a lane key, a delay and whether it fails when run. */
export interface BatchCase {
  readonly keys: readonly string[]
  readonly delays: readonly Delay[]
  readonly failing: ReadonlySet<number>
}

export function batchArbitrary(options: { maxLength?: number; keys?: number } = {}): fc.Arbitrary<BatchCase> {
  const keyCount = options.keys ?? 4
  return fc
    .array(
      fc.record({
        key: fc.integer({ min: 0, max: keyCount - 1 }).map((k) => `k${k}`),
        delay: delayArbitrary,
        // About one record in five fails; sometimes none, sometimes all.
        fails: fc.integer({ min: 0, max: 4 }).map((roll) => roll === 0),
      }),
      { maxLength: options.maxLength ?? 30 },
    )
    .map((records) => ({
      keys: records.map((record) => record.key),
      delays: records.map((record) => record.delay),
      failing: new Set(records.flatMap((record, index) => (record.fails ? [index] : []))),
    }))
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))
