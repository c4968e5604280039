import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  IdempotencyInProgressError,
  IdempotencyPayloadMismatchError,
  IdempotencyResultTooLargeError,
  isIdempotencyInProgressError,
  isIdempotencyResultTooLargeError,
  makeIdempotent,
  maxItemBytes,
} from '../src/index.js'
import { counting, deferred, manualClock, storeKinds } from './support/stores.js'

const expiresAfterMs = 60_000

describe.each(storeKinds)('against the $name store', (kind) => {
  beforeAll(() => kind.start())
  afterAll(() => kind.stop())

  async function setup() {
    const store = counting(await kind.create())
    const clock = manualClock()
    const runs: string[] = []
    const order = makeIdempotent(
      async (input: { id: string; total: number; fail?: boolean; big?: boolean }) => {
        runs.push(input.id)
        if (input.fail === true) throw new Error(`payment for ${input.id} declined`)
        return {
          orderId: input.id,
          charged: input.total,
          note: input.big === true ? 'x'.repeat(maxItemBytes) : '',
        }
      },
      {
        store,
        expiresAfterMs,
        clock: clock.now,
        key: (input) => input.id,
        payload: (input) => input.total,
        scope: 'orders',
      },
    )
    return { store, clock, runs, order }
  }

  it('answers a sequential duplicate with the stored result without running again', async () => {
    const { order, runs, store } = await setup()
    const first = await order({ id: 'o-1', total: 30 })
    expect(store.total()).toBe(2) // claim + complete
    const second = await order({ id: 'o-1', total: 30 })
    expect(second).toEqual(first)
    expect(runs).toEqual(['o-1'])
    // The duplicate: one failed claim, and a read only when the failure did not bring the record along.
    expect(store.total() - 2).toBe(kind.returnsOldItem ? 1 : 2)
  })

  it('refuses a duplicate while the first call runs, saying when to retry', async () => {
    const store = counting(await kind.create())
    const clock = manualClock()
    const gate = deferred()
    let runs = 0
    const slow = makeIdempotent(
      async (_: string) => {
        runs++
        await gate.promise
        return 'done'
      },
      { store, expiresAfterMs, clock: clock.now, inProgressExpiryMs: 30_000, scope: 'slow' },
    )
    const first = slow('job', {})
    await expect.poll(() => store.requests.claim).toBe(1)
    await expect.poll(() => runs).toBe(1)
    clock.advance(10_000)
    const refused = await slow('job').catch((error: unknown) => error)
    expect(refused).toBeInstanceOf(IdempotencyInProgressError)
    expect(isIdempotencyInProgressError(refused)).toBe(true)
    expect((refused as IdempotencyInProgressError).retryAfterMs).toBe(20_000)
    expect((refused as IdempotencyInProgressError).status).toBe(409)
    expect((refused as IdempotencyInProgressError).headers['retry-after']).toBe('20')
    gate.resolve()
    expect(await first).toBe('done')
    expect(await slow('job')).toBe('done')
    expect(runs).toBe(1)
  })

  it('refuses the same key with another payload, never answering with the other result', async () => {
    const { order, runs } = await setup()
    await order({ id: 'o-2', total: 30 })
    const refused = await order({ id: 'o-2', total: 999 }).catch((error: unknown) => error)
    expect(refused).toBeInstanceOf(IdempotencyPayloadMismatchError)
    expect((refused as IdempotencyPayloadMismatchError).status).toBe(422)
    expect(runs).toEqual(['o-2'])
  })

  it('runs again once the record has expired', async () => {
    const { order, runs, clock } = await setup()
    await order({ id: 'o-3', total: 5 })
    clock.advance(expiresAfterMs - 1)
    await order({ id: 'o-3', total: 5 })
    expect(runs).toEqual(['o-3'])
    clock.advance(2)
    await order({ id: 'o-3', total: 5 })
    expect(runs).toEqual(['o-3', 'o-3'])
  })

  it('releases the claim when the work fails, so a retry runs it', async () => {
    const { order, runs, store } = await setup()
    await expect(order({ id: 'o-4', total: 1, fail: true })).rejects.toThrow('payment for o-4 declined')
    expect(store.requests.release).toBe(1)
    expect(await order({ id: 'o-4', total: 1 })).toEqual({ orderId: 'o-4', charged: 1, note: '' })
    expect(runs).toEqual(['o-4', 'o-4'])
  })

  it('applies the store’s own record limit: DynamoDB refuses a result over 400 KB, the memory store has none', async () => {
    const { order, runs, store } = await setup()
    const outcome = await order({ id: 'o-5', total: 1, big: true }).catch((error: unknown) => error)
    if (kind.maxRecordBytes === undefined) {
      // Nothing of DynamoDB's limit applies to a store that has none: the result is stored and answers duplicates.
      expect(outcome).toMatchObject({ orderId: 'o-5', charged: 1 })
      expect(await order({ id: 'o-5', total: 1, big: true })).toEqual(outcome)
      expect(store.requests.complete).toBe(1)
      expect(runs).toEqual(['o-5'])
      return
    }
    expect(outcome).toBeInstanceOf(IdempotencyResultTooLargeError)
    expect(isIdempotencyResultTooLargeError(outcome)).toBe(true)
    expect((outcome as IdempotencyResultTooLargeError).itemBytes).toBeGreaterThan(kind.maxRecordBytes)
    expect((outcome as IdempotencyResultTooLargeError).maxItemBytes).toBe(kind.maxRecordBytes)
    expect(store.requests.complete).toBe(0)
    expect(store.requests.release).toBe(1)
    await order({ id: 'o-5', total: 1 })
    expect(runs).toEqual(['o-5', 'o-5'])
  })

  it('retakes an in-progress claim past its deadline (its invocation died)', async () => {
    const store = counting(await kind.create())
    const clock = manualClock()
    let runs = 0
    const job = makeIdempotent(
      async (input: { id: string; killed?: boolean }) => {
        // A killed invocation never finishes: its claim stays IN_PROGRESS until its deadline.
        if (input.killed === true) return new Promise<number>(() => {})
        runs++
        return runs
      },
      { store, expiresAfterMs, clock: clock.now, key: (input) => input.id, scope: 'job' },
    )
    const deadlineAtMs = clock.now() + 5_000
    void job({ id: 'job', killed: true }, { deadlineAtMs })
    await expect.poll(() => store.requests.claim).toBe(1)
    await expect(job({ id: 'job' }, { deadlineAtMs: clock.now() + 5_000 })).rejects.toBeInstanceOf(
      IdempotencyInProgressError,
    )
    clock.advance(5_001)
    expect(await job({ id: 'job' })).toBe(1)
    expect(await job({ id: 'job' })).toBe(1)
  })

  it('does not let a claim that was retaken be completed or released by its old holder', async () => {
    const store = await kind.create()
    const clock = manualClock()
    const nowMs = clock.now()
    const claim = {
      id: 'scope#k',
      status: 'IN_PROGRESS' as const,
      expiresAtMs: nowMs + 1_000,
      inProgressUntilMs: nowMs + 1_000,
      payloadHash: undefined,
      result: undefined,
      claimToken: 'old',
    }
    expect(await store.claim(claim, nowMs, undefined)).toEqual({ claimed: true })
    expect((await store.claim({ ...claim, claimToken: 'new' }, nowMs + 500, undefined)).claimed).toBe(false)
    expect(await store.claim({ ...claim, claimToken: 'new' }, nowMs + 1_001, undefined)).toEqual({
      claimed: true,
    })
    expect(
      await store.complete('scope#k', 'old', { result: '{}', expiresAtMs: nowMs + 9_000 }, undefined),
    ).toBe(false)
    await store.release('scope#k', 'old', undefined)
    expect(await store.read('scope#k', undefined)).toMatchObject({ status: 'IN_PROGRESS', claimToken: 'new' })
  })

  it('answers duplicates from the local cache without a request, and checks their payload there too', async () => {
    const store = counting(await kind.create())
    const clock = manualClock()
    let runs = 0
    const cached = makeIdempotent(
      (input: { id: string; n: number }) => {
        runs++
        return input.n * 2
      },
      {
        store,
        expiresAfterMs,
        clock: clock.now,
        key: (input) => input.id,
        payload: (input) => input.n,
        localCache: true,
        scope: 'cached',
      },
    )
    expect(await cached({ id: 'a', n: 2 })).toBe(4)
    const afterFirst = store.total()
    expect(await cached({ id: 'a', n: 2 })).toBe(4)
    expect(store.total()).toBe(afterFirst)
    await expect(cached({ id: 'a', n: 3 })).rejects.toBeInstanceOf(IdempotencyPayloadMismatchError)
    clock.advance(expiresAfterMs + 1)
    expect(await cached({ id: 'a', n: 3 })).toBe(6)
    expect(runs).toBe(2)
  })

  it('keys that differ only in the function that uses them do not share a record', async () => {
    const store = await kind.create()
    const double = makeIdempotent((n: number) => n * 2, {
      store,
      expiresAfterMs,
      key: String,
      scope: 'double',
    })
    const triple = makeIdempotent((n: number) => n * 3, {
      store,
      expiresAfterMs,
      key: String,
      scope: 'triple',
    })
    expect(await double(2)).toBe(4)
    expect(await triple(2)).toBe(6)
  })
})
