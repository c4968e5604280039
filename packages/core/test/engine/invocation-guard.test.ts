import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { type DeadlineExceededError, Invocation, isDeadlineExceededError } from '../../src/index.js'
import { context, contextWithoutClock, deferred, flushMicrotasks, settle } from '../support/index.js'

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

describe('Invocation: the deadline and the cut-off', () => {
  it('reads the remaining time once and keeps the deadline fixed from then on', () => {
    const base = context(1_000)
    const getRemainingTimeInMillis = vi.fn(base.getRemainingTimeInMillis)
    const invocation = new Invocation({ ...base, getRemainingTimeInMillis }, true, 200)
    const deadlineAtMs = invocation.deadlineAtMs
    expect(deadlineAtMs).toBe(Date.now() + 1_000)
    vi.advanceTimersByTime(300)
    expect(invocation.deadlineAtMs).toBe(deadlineAtMs)
    expect(invocation.cutoffAtMs).toBe(deadlineAtMs - 200)
    expect(getRemainingTimeInMillis).toHaveBeenCalledTimes(1)
    expect(invocation.coldStart).toBe(true)
    expect(invocation.marginMs).toBe(200)
  })

  it('has no deadline when the context has no clock, or a clock that does not give a number', () => {
    expect(new Invocation(contextWithoutClock(), false, 200).deadlineAtMs).toBe(Number.POSITIVE_INFINITY)
    const broken = { ...context(), getRemainingTimeInMillis: () => Number.NaN }
    expect(new Invocation(broken, false, 200).cutoffAtMs).toBe(Number.POSITIVE_INFINITY)
  })

  it('has no deadline when there is no context at all (a hand-made call)', () => {
    expect(new Invocation(undefined as never, false, 200).deadlineAtMs).toBe(Number.POSITIVE_INFINITY)
  })

  it('has no cut-off, a zero margin and no effect with the guard off', async () => {
    const invocation = new Invocation(context(100), false, false)
    expect(invocation.marginMs).toBe(0)
    expect(invocation.cutoffAtMs).toBe(Number.POSITIVE_INFINITY)
    const pending = new Promise(() => {})
    expect(invocation.guard(pending, 0)).toBe(pending)
    await vi.advanceTimersByTimeAsync(1_000)
    expect(invocation.signal.aborted).toBe(false)
    expect(invocation.expired).toBe(false)
    expect(vi.getTimerCount()).toBe(0)
  })
})

describe('Invocation.guard()', () => {
  it('passes a synchronous result through as it is, and arms no timer', () => {
    const invocation = new Invocation(context(1_000), false, 100)
    const value = { answer: 42 }
    expect(invocation.guard(value, 0)).toBe(value)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('settles as the guarded promise does, value or error, and disarms once nothing is pending', async () => {
    const invocation = new Invocation(context(1_000), false, 100)
    const ok = deferred<string>()
    const failing = deferred<string>()
    const guardedOk = settle(invocation.guard(ok.promise, 1) as Promise<string>)
    const guardedFailing = settle(invocation.guard(failing.promise, 0) as Promise<string>)
    expect(vi.getTimerCount()).toBe(1)
    ok.resolve('done')
    await flushMicrotasks()
    expect(vi.getTimerCount()).toBe(1)
    const error = new Error('boom')
    failing.reject(error)
    expect(await guardedOk).toEqual({ ok: true, value: 'done' })
    expect(await guardedFailing).toEqual({ ok: false, error })
    expect(vi.getTimerCount()).toBe(0)
    expect(invocation.expired).toBe(false)
  })

  it('guards a thenable that is not a promise, and fails like a rejection when its then() throws', async () => {
    const invocation = new Invocation(context(1_000), false, 100)
    // biome-ignore lint/suspicious/noThenProperty: a thenable that is not a promise is what this test is about
    const thenable = { then: (resolve: (value: number) => void) => resolve(7) }
    expect(await invocation.guard(thenable, 0)).toBe(7)
    const error = new Error('then() broke')
    const broken = {
      // biome-ignore lint/suspicious/noThenProperty: a thenable whose then() throws is what this test is about
      then() {
        throw error
      },
    }
    expect(await settle(invocation.guard(broken, 0) as Promise<unknown>)).toEqual({ ok: false, error })
    expect(vi.getTimerCount()).toBe(0)
  })

  it('fails the innermost pending result first, and the layer around it one turn later if it is still pending', async () => {
    const invocation = new Invocation(context(1_000), false, 100)
    const outer = settle(invocation.guard(new Promise(() => {}), 0) as Promise<unknown>)
    const middle = settle(invocation.guard(new Promise(() => {}), 1) as Promise<unknown>)
    const innerA = settle(invocation.guard(new Promise(() => {}), 2) as Promise<unknown>)
    const innerB = settle(invocation.guard(new Promise(() => {}), 2) as Promise<unknown>)
    const outcomes: string[] = []
    void outer.then(() => outcomes.push('outer'))
    void middle.then(() => outcomes.push('middle'))
    void innerA.then(() => outcomes.push('innerA'))
    void innerB.then(() => outcomes.push('innerB'))

    await vi.advanceTimersByTimeAsync(899)
    expect(outcomes).toEqual([])
    await vi.advanceTimersByTimeAsync(1)
    expect(outcomes).toEqual(['innerA', 'innerB'])
    await vi.advanceTimersToNextTimerAsync()
    expect(outcomes).toEqual(['innerA', 'innerB', 'middle'])
    await vi.advanceTimersToNextTimerAsync()
    expect(outcomes).toEqual(['innerA', 'innerB', 'middle', 'outer'])

    const errors = await Promise.all([outer, middle, innerA, innerB])
    const first = errors[0]
    for (const outcome of errors) {
      expect(outcome.ok).toBe(false)
      expect(outcome.ok === false && outcome.error).toBe(first?.ok === false && first.error)
    }
    expect(invocation.expired).toBe(true)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('keeps the answer of a layer that recovers in the turn after the inner layer was cut', async () => {
    const invocation = new Invocation(context(1_000), false, 100)
    const inner = invocation.guard(new Promise(() => {}), 1) as Promise<unknown>
    const outer = invocation.guard(
      inner.catch((error: unknown) => (isDeadlineExceededError(error) ? 'fallback' : 'other')),
      0,
    )
    await vi.advanceTimersByTimeAsync(900)
    expect(await outer).toBe('fallback')
  })

  it('says how much time was really left, rounded to a whole millisecond', async () => {
    const invocation = new Invocation(context(1_000), false, 250)
    const outcome = settle(invocation.guard(new Promise(() => {}), 0) as Promise<unknown>)
    await vi.advanceTimersByTimeAsync(750)
    const result = await outcome
    expect(result.ok).toBe(false)
    const error = (result as { error: DeadlineExceededError }).error
    expect(error.remainingMs).toBe(250)
    expect(error.marginMs).toBe(250)
  })

  it('rejects at once a result guarded after the guard fired, with the same error', async () => {
    const invocation = new Invocation(context(1_000), false, 100)
    const first = settle(invocation.guard(new Promise(() => {}), 0) as Promise<unknown>)
    await vi.advanceTimersByTimeAsync(900)
    const firstError = (await first) as { ok: false; error: unknown }
    const late = await settle(invocation.guard(Promise.resolve('late'), 0) as Promise<unknown>)
    expect(late).toEqual({ ok: false, error: firstError.error })
    expect(invocation.signal.aborted).toBe(true)
    expect(invocation.signal.reason).toBe(firstError.error)
  })

  it('fires at once, without waiting for a timer, when the invocation starts exactly at the cut-off', async () => {
    const invocation = new Invocation(context(100), false, 100)
    let settled = false
    void (invocation.guard(new Promise(() => {}), 0) as Promise<unknown>).catch(() => {
      settled = true
    })
    await flushMicrotasks()
    expect(settled).toBe(true)
    expect(invocation.expired).toBe(true)
  })

  it('fires at once when the invocation starts inside the margin', async () => {
    const invocation = new Invocation(context(50), false, 100)
    const outcome = await settle(invocation.guard(new Promise(() => {}), 0) as Promise<unknown>)
    expect(outcome.ok).toBe(false)
    expect(vi.getTimerCount()).toBe(0)
  })
})

describe('Invocation.signal', () => {
  it('arms the timer when read, stays armed after results settle, and aborts at the cut-off', async () => {
    const invocation = new Invocation(context(1_000), false, 100)
    const signal = invocation.signal
    expect(invocation.signal).toBe(signal)
    expect(vi.getTimerCount()).toBe(1)
    await invocation.guard(Promise.resolve(1), 0)
    expect(vi.getTimerCount()).toBe(1)
    await vi.advanceTimersByTimeAsync(899)
    expect(signal.aborted).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    expect(signal.aborted).toBe(true)
    expect(isDeadlineExceededError(signal.reason)).toBe(true)
  })
})

describe('Invocation.dispose()', () => {
  it('clears the timer: nothing fires after the invocation is over', async () => {
    const invocation = new Invocation(context(1_000), false, 100)
    const signal = invocation.signal
    let settled = false
    void (invocation.guard(new Promise(() => {}), 0) as Promise<unknown>).then(
      () => (settled = true),
      () => (settled = true),
    )
    invocation.dispose()
    expect(vi.getTimerCount()).toBe(0)
    await vi.advanceTimersByTimeAsync(5_000)
    expect(signal.aborted).toBe(false)
    expect(settled).toBe(false)
    expect(invocation.expired).toBe(false)
    invocation.guard(new Promise(() => {}), 0)
    expect(vi.getTimerCount()).toBe(0)
  })
})
