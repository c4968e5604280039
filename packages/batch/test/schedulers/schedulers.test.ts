import fc from 'fast-check'
import { describe, expect, it, vi } from 'vitest'
import type { Outcome } from '../../src/run-batch/outcome.js'
import { runBounded } from '../../src/schedulers/run-bounded.js'
import { runByKey } from '../../src/schedulers/run-by-key.js'
import { runInOrder } from '../../src/schedulers/run-in-order.js'
import { batchArbitrary, type Delay, probe, sleep, startedIndices } from '../support/schedule-helpers.js'

const statuses = (outcomes: readonly Outcome[]) => outcomes.map((outcome) => outcome.status)

describe('runBounded', () => {
  it('runs every record once and records each outcome by index', async () => {
    const outcomes = await runBounded(4, 2, (index) => {
      if (index === 1) throw new Error('sync failure')
      if (index === 2) return Promise.reject(new Error('async failure'))
      return index === 3 ? Promise.resolve() : undefined
    })
    expect(statuses(outcomes)).toEqual(['succeeded', 'failed', 'failed', 'succeeded'])
  })

  it('starts the next record as soon as one settles, not in waves', async () => {
    const started: number[] = []
    let releaseFirst: () => void = () => {}
    const run = runBounded(4, 2, (index) => {
      started.push(index)
      if (index > 0) return sleep(0)
      return new Promise<void>((resolve) => {
        releaseFirst = resolve
      })
    })
    // Record 0 still runs; records 1 and 2 finished and 3 took their slot (waited for, not timed: a loaded machine
    // fires timers late).
    await vi.waitFor(() => expect(started).toEqual([0, 1, 2, 3]), { timeout: 10_000 })
    releaseFirst()
    await run
  })

  it('never has more records in flight than its bound (property)', async () => {
    await fc.assert(
      fc.asyncProperty(batchArbitrary(), fc.integer({ min: 1, max: 8 }), async (batch, concurrency) => {
        const p = probe()
        const n = batch.keys.length
        const outcomes = await runBounded(n, concurrency, (i) =>
          p.work(i, batch.delays[i] as Delay, batch.failing.has(i)),
        )
        expect(p.maxInFlight()).toBeLessThanOrEqual(concurrency)
        expect(startedIndices(p.log)).toEqual([...Array(n).keys()])
        expect(outcomes.flatMap((o, i) => (o.status === 'failed' ? [i] : []))).toEqual(
          [...batch.failing].sort((a, b) => a - b),
        )
      }),
      { numRuns: 150 },
    )
  })

  it('stops starting records when the signal aborts, and fails those in flight with its reason', async () => {
    const controller = new AbortController()
    const reason = new Error('deadline')
    const run = runBounded(5, 2, () => new Promise(() => {}), { signal: controller.signal })
    controller.abort(reason)
    const outcomes = await run
    expect(outcomes.slice(0, 2)).toEqual([
      { status: 'failed', error: reason },
      { status: 'failed', error: reason },
    ])
    expect(outcomes.slice(2).every((o) => o.status === 'not-run' && o.reason === 'deadline')).toBe(true)
  })

  it('checks the cut-off time before each start, for handlers that never yield', async () => {
    let ran = 0
    const cutoffAtMs = Date.now() + 20
    const outcomes = await runBounded(
      100,
      1,
      () => {
        ran++
        const until = Date.now() + 5
        while (Date.now() < until) {}
      },
      { cutoffAtMs },
    )
    expect(ran).toBeGreaterThan(0)
    expect(ran).toBeLessThan(100)
    expect(outcomes.filter((o) => o.status === 'not-run')).toHaveLength(100 - ran)
  })
})

describe('runInOrder', () => {
  it('stops at the first failure and leaves the rest not run, blocked by it', async () => {
    const ran: number[] = []
    const outcomes = await runInOrder(4, async (index) => {
      ran.push(index)
      if (index === 1) throw new Error('boom')
    })
    expect(ran).toEqual([0, 1])
    expect(outcomes[2]).toEqual({ status: 'not-run', reason: 'earlier-failure', blockedBy: 1 })
    expect(statuses(outcomes)).toEqual(['succeeded', 'failed', 'not-run', 'not-run'])
  })

  it('runs one record at a time in batch order up to the first failure (property)', async () => {
    await fc.assert(
      fc.asyncProperty(batchArbitrary(), async (batch) => {
        const p = probe()
        const n = batch.keys.length
        const outcomes = await runInOrder(n, (i) => p.work(i, batch.delays[i] as Delay, batch.failing.has(i)))
        const firstFailure = Math.min(n, ...batch.failing)
        expect(p.maxInFlight()).toBeLessThanOrEqual(1)
        expect(startedIndices(p.log)).toEqual([...Array(Math.min(n, firstFailure + 1)).keys()])
        for (const [i, outcome] of outcomes.entries()) {
          const expected = i < firstFailure ? 'succeeded' : i === firstFailure ? 'failed' : 'not-run'
          expect(outcome.status).toBe(expected)
        }
      }),
      { numRuns: 150 },
    )
  })
})

describe('runByKey', () => {
  it('runs each key in order, keys side by side, and skips only the rest of a failed key', async () => {
    const keys = ['a', 'b', 'a', 'b', 'a']
    const ran: number[] = []
    const outcomes = await runByKey(
      keys.length,
      async (index) => {
        ran.push(index)
        if (index === 0) throw new Error('a fails')
      },
      { keyOf: (index) => keys[index] as string, concurrency: 2, stopOtherLanesAfterFailure: false },
    )
    expect(ran).toEqual([0, 1, 3])
    expect(statuses(outcomes)).toEqual(['failed', 'succeeded', 'not-run', 'succeeded', 'not-run'])
  })

  it('with stopOtherLanesAfterFailure, starts nothing behind the earliest failure', async () => {
    const keys = ['a', 'b', 'a', 'b']
    const ran: number[] = []
    const outcomes = await runByKey(
      keys.length,
      (index) => {
        ran.push(index)
        if (index === 0) throw new Error('a fails')
      },
      { keyOf: (index) => keys[index] as string, concurrency: 2, stopOtherLanesAfterFailure: true },
    )
    // Record 1 (b) comes after the failure at 0: Lambda will deliver it again, so it does not run now.
    expect(ran).toEqual([0])
    expect(outcomes[1]).toEqual({ status: 'not-run', reason: 'earlier-failure', blockedBy: 0 })
  })

  for (const stopOtherLanesAfterFailure of [false, true]) {
    it(`keeps per-key order, the bound, and never runs a record after a failure of its key (property, stopOtherLanes ${stopOtherLanesAfterFailure})`, async () => {
      await fc.assert(
        fc.asyncProperty(batchArbitrary(), fc.integer({ min: 1, max: 5 }), async (batch, concurrency) => {
          const p = probe()
          const n = batch.keys.length
          const keyOf = (i: number) => batch.keys[i] as string
          const outcomes = await runByKey(
            n,
            (i) => p.work(i, batch.delays[i] as Delay, batch.failing.has(i)),
            {
              keyOf,
              concurrency,
              stopOtherLanesAfterFailure,
            },
          )
          expect(p.maxInFlight()).toBeLessThanOrEqual(concurrency)
          const inFlightByKey = new Map<string, number>()
          const lastStartedByKey = new Map<string, number>()
          const failedSoFar: number[] = []
          for (const entry of p.log) {
            const key = keyOf(entry.index)
            if (entry.event === 'start') {
              // One record of a key at a time, in batch order, and none after a failure of that key.
              expect(inFlightByKey.get(key) ?? 0).toBe(0)
              expect(entry.index).toBeGreaterThan(lastStartedByKey.get(key) ?? -1)
              expect(failedSoFar.some((f) => keyOf(f) === key)).toBe(false)
              if (stopOtherLanesAfterFailure) expect(failedSoFar.every((f) => f > entry.index)).toBe(true)
              inFlightByKey.set(key, 1)
              lastStartedByKey.set(key, entry.index)
            } else {
              inFlightByKey.set(key, 0)
              if (!entry.ok) failedSoFar.push(entry.index)
            }
          }
          // Every record is accounted for: a record not run has an earlier failure that blocked it.
          for (const [i, outcome] of outcomes.entries()) {
            if (outcome.status === 'failed') expect(batch.failing.has(i)).toBe(true)
            if (outcome.status === 'succeeded') expect(batch.failing.has(i)).toBe(false)
            if (outcome.status === 'not-run') {
              expect(outcome.reason).toBe('earlier-failure')
              if (outcome.reason === 'earlier-failure') {
                expect(outcome.blockedBy).toBeLessThan(i)
                expect(outcomes[outcome.blockedBy]?.status).toBe('failed')
              }
            }
          }
          // The first failing record always runs, and everything before it succeeds.
          const earliest = Math.min(n, ...batch.failing)
          expect(outcomes.findIndex((o) => o.status !== 'succeeded')).toBe(earliest === n ? -1 : earliest)
        }),
        { numRuns: 150 },
      )
    })
  }

  it('with one lane at a time, runs in batch order (earliest idle lane first)', async () => {
    const keys = ['a', 'b', 'a', 'c', 'b', 'a']
    const ran: number[] = []
    await runByKey(
      keys.length,
      async (index) => {
        ran.push(index)
      },
      { keyOf: (index) => keys[index] as string, concurrency: 1, stopOtherLanesAfterFailure: false },
    )
    expect(ran).toEqual([0, 1, 2, 3, 4, 5])
  })
})
