import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type IdempotencyStore,
  isIdempotencyInProgressError,
  isIdempotencyPayloadMismatchError,
  makeIdempotent,
} from '../src/index.js'
import { recordIdOf } from '../src/run-once/record-id.js'
import { manualClock, storeKinds } from './support/stores.js'

const expiresAfterMs = 60_000

/** Several copies of one call at once (a duplicate delivery), then the clock moves on. */
interface Step {
  readonly key: 'a' | 'b'
  readonly payload: 0 | 1
  readonly fails: boolean
  readonly copies: number
  readonly advanceMs: number
}

const step = fc.record<Step>({
  key: fc.constantFrom('a', 'b'),
  payload: fc.constantFrom(0, 1),
  fails: fc.boolean(),
  copies: fc.integer({ min: 1, max: 3 }),
  // Around the expiry boundary on purpose: a record counts until expiresAtMs, not a millisecond longer.
  advanceMs: fc.constantFrom(0, 1, 59_999, 60_000, 60_001, 120_000),
})

type Outcome = 'value' | 'failed' | 'in-progress' | 'mismatch'

/** Runs the steps against one store and checks each step against what the rules say must happen. */
async function runSteps(store: IdempotencyStore, steps: readonly Step[]): Promise<string[]> {
  const clock = manualClock()
  const successes = { a: 0, b: 0 }
  const succeeded: string[] = []
  const call = makeIdempotent(
    async (input: { key: 'a' | 'b'; payload: number; fails: boolean }) => {
      await Promise.resolve()
      if (input.fails) throw new Error('core logic failed')
      const value = `${input.key}${++successes[input.key]}`
      succeeded.push(value)
      return value
    },
    {
      store,
      expiresAfterMs,
      clock: clock.now,
      key: (input) => input.key,
      payload: (input) => input.payload,
      scope: 'steps',
    },
  )
  // What must be true: the last successful run per key, while it has not expired.
  const completed = new Map<string, { expiresAtMs: number; payload: number; value: string }>()
  const summary: string[] = []
  for (const { key, payload, fails, copies, advanceMs } of steps) {
    const succeededBefore = succeeded.length
    const settled = await Promise.allSettled(
      Array.from({ length: copies }, () => call({ key, payload, fails })),
    )
    const newRuns = succeeded.slice(succeededBefore)
    const values = settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []))
    const outcomes = settled.map((result): Outcome => {
      if (result.status === 'fulfilled') return 'value'
      if (isIdempotencyInProgressError(result.reason)) return 'in-progress'
      if (isIdempotencyPayloadMismatchError(result.reason)) return 'mismatch'
      return 'failed'
    })
    const record = completed.get(key)
    const valid = record !== undefined && record.expiresAtMs >= clock.now() ? record : undefined
    if (valid !== undefined) {
      // A result that counts: nothing runs; same payload gets it, another payload is refused.
      expect(newRuns).toEqual([])
      if (valid.payload === payload) expect(values).toEqual(outcomes.map(() => valid.value))
      else expect(outcomes.every((outcome) => outcome === 'mismatch')).toBe(true)
    } else {
      // Nothing runs twice: one success when the logic works, none when it fails; every answer is that success.
      expect(newRuns).toHaveLength(fails ? 0 : 1)
      for (const value of values) expect(value).toBe(newRuns[0])
      expect(outcomes.every((outcome) => outcome !== 'mismatch')).toBe(true)
      if (fails)
        expect(outcomes.every((outcome) => outcome === 'failed' || outcome === 'in-progress')).toBe(true)
      const [value] = newRuns
      if (value !== undefined)
        completed.set(key, { expiresAtMs: clock.now() + expiresAfterMs, payload, value })
    }
    // Which call wins a race (in progress or answered) depends on timing; what was stored and refused does not.
    summary.push(
      `${key}:${completed.get(key)?.value ?? '-'} refused:${outcomes.filter((o) => o === 'mismatch').length}`,
    )
    clock.advance(advanceMs)
  }
  return summary
}

describe('any interleaving of duplicate, failing and expiring calls', () => {
  const [memory, withOldItem, withoutOldItem] = storeKinds
  if (memory === undefined || withOldItem === undefined || withoutOldItem === undefined)
    throw new Error('stores')
  beforeAll(async () => {
    await withOldItem.start()
    await withoutOldItem.start()
  })
  afterAll(async () => {
    await withOldItem.stop()
    await withoutOldItem.stop()
  })

  it('runs each key at most once while its result counts, and the memory and DynamoDB stores agree', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 8 }), async (steps) => {
        const inMemory = await runSteps(await memory.create(), steps)
        expect(await runSteps(await withOldItem.create(), steps)).toEqual(inMemory)
        expect(await runSteps(await withoutOldItem.create(), steps)).toEqual(inMemory)
      }),
      { numRuns: 25 },
    )
  }, 120_000)
})

describe('record ids', () => {
  it('differ for any two (caller, key) pairs that differ, whatever they hold', () => {
    const text = fc.oneof(
      fc.string(),
      fc.constantFrom('__proto__', '#', 'a#b', '\u0000', 'scope#x'),
      fc.string({ unit: fc.constantFrom('#', ':', '"', '[', ']') }),
      fc.string({ minLength: 50_000, maxLength: 50_010 }),
    )
    const pair = fc.record({ caller: fc.option(text, { nil: undefined }), key: text })
    fc.assert(
      fc.property(pair, pair, (a, b) => {
        const [idA, idB] = [recordIdOf('orders', a.caller, a.key), recordIdOf('orders', b.caller, b.key)]
        expect(idA === idB).toBe(a.caller === b.caller && a.key === b.key)
        // Bounded whatever the caller and key: the id is a DynamoDB partition key (2,048 bytes at most).
        expect(idA.length).toBeLessThanOrEqual('orders'.length + 2 * 44)
      }),
      { numRuns: 200 },
    )
  })
})
