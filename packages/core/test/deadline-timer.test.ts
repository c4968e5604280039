import type { Context } from 'aws-lambda'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { watchedDeadlineCount } from '../src/deadline-timer.js'
import {
  type Adapter,
  DeadlineExceededError,
  type InvocationRequest,
  lambda,
  RequestBase,
  raw,
} from '../src/index.js'
import { context, deferred, flushMicrotasks, settle } from './fixtures/index.js'

/** Runs the chain once per record, one after another, all in one invocation (as SQS and co. do). */
function records(): Adapter<
  InvocationRequest<number>,
  (event: { count: number }, context: Context) => Promise<number>
> {
  return {
    name: 'records',
    async run(event, invocation, chain) {
      let done = 0
      for (let index = 0; index < event.count; index++) {
        await chain(new RequestBase(invocation, 'raw', index, undefined))
        done++
        // The record's guard let go of the invocation as soon as its handler answered.
        if (watchedDeadlineCount() !== 0) throw new Error(`record ${index} is still watched`)
      }
      return done
    },
  }
}

describe('the process-wide deadline timer, with fake timers', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })

  afterEach(() => {
    vi.useRealTimers()
  })

  it('fires the guards of 64 concurrent invocations, each at its own cut-off, from one timer', async () => {
    const signals = new Map<number, AbortSignal>()
    const handler = lambda(raw<number>(), { deadlineMarginMs: 100 }).handle((request) => {
      signals.set(request.event, request.signal)
      return new Promise(() => {})
    })

    // Deadlines 1 100 ms to 1 730 ms away, started in a shuffled order: cut-offs at 1 000 + 10 × index ms.
    const indexes = Array.from({ length: 64 }, (_unused, index) => (index * 37) % 64)
    const outcomes = new Map(
      indexes.map((index) => [index, settle(handler(index, context(1_100 + 10 * index)))] as const),
    )
    await flushMicrotasks()
    expect(vi.getTimerCount()).toBe(1)
    expect(watchedDeadlineCount()).toBe(64)

    await vi.advanceTimersByTimeAsync(999)
    expect([...signals.values()].filter((signal) => signal.aborted)).toHaveLength(0)
    for (let index = 0; index < 64; index++) {
      await vi.advanceTimersByTimeAsync(index === 0 ? 1 : 10)
      for (const [other, signal] of signals) expect(signal.aborted).toBe(other <= index)
      expect(vi.getTimerCount()).toBe(index < 63 ? 1 : 0)
    }

    for (const [index, outcome] of outcomes) {
      const settled = await outcome
      expect(settled.ok ? index : settled.error).toBeInstanceOf(DeadlineExceededError)
      expect(settled.ok ? undefined : settled.error).toBe(signals.get(index)?.reason)
    }
    expect(watchedDeadlineCount()).toBe(0)
  })

  it('re-arms for an earlier cut-off, and fires the later ones when their time comes', async () => {
    const handler = lambda(raw<string>(), { deadlineMarginMs: 0 }).handle(() => new Promise(() => {}))

    const late = settle(handler('late', context(5_000)))
    await flushMicrotasks()
    const early = settle(handler('early', context(1_000)))
    await flushMicrotasks()
    expect(vi.getTimerCount()).toBe(1)

    await vi.advanceTimersByTimeAsync(1_000)
    expect((await early).ok).toBe(false)
    expect(watchedDeadlineCount()).toBe(1)
    await vi.advanceTimersByTimeAsync(3_999)
    expect(watchedDeadlineCount()).toBe(1)
    await vi.advanceTimersByTimeAsync(1)
    expect((await late).ok).toBe(false)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('stops watching an invocation whose handler answered, and clears the timer with the last one', async () => {
    const slow = deferred<string>()
    const fast = deferred<string>()
    const handler = lambda(raw<string>(), { deadlineMarginMs: 100 }).handle((request) =>
      request.event === 'slow' ? slow.promise : fast.promise,
    )

    const slowOutcome = handler('slow', context(10_000))
    const fastOutcome = handler('fast', context(2_000))
    await flushMicrotasks()
    expect(watchedDeadlineCount()).toBe(2)

    fast.resolve('fast answer')
    await expect(fastOutcome).resolves.toBe('fast answer')
    expect(watchedDeadlineCount()).toBe(1)
    // The fast one's cut-off passes: the timer fires early for it and re-arms for the slow one.
    await vi.advanceTimersByTimeAsync(5_000)
    expect(vi.getTimerCount()).toBe(1)

    slow.resolve('slow answer')
    await expect(slowOutcome).resolves.toBe('slow answer')
    expect(watchedDeadlineCount()).toBe(0)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('arms no timer for a handler that answers within its microtask turn', async () => {
    const handler = lambda(raw(), { deadlineMarginMs: 100 }).handle(async () => 'at once')

    const outcome = handler({}, context(1_000))
    expect(vi.getTimerCount()).toBe(0)
    await expect(outcome).resolves.toBe('at once')
    expect(vi.getTimerCount()).toBe(0)
    expect(watchedDeadlineCount()).toBe(0)
  })

  it('cuts short at once a handler still running when the invocation started inside the margin', async () => {
    const handler = lambda(raw(), { deadlineMarginMs: 500 }).handle(() => new Promise(() => {}))

    const settled = await settle(handler({}, context(300)))
    expect(settled.ok ? undefined : settled.error).toBeInstanceOf(DeadlineExceededError)
    expect(vi.getTimerCount()).toBe(0)
  })
})

describe('the process-wide deadline timer, with real timers', () => {
  it('lets go of every record of a 10,000-record invocation as soon as it answers', async () => {
    const handler = lambda(records(), { deadlineMarginMs: 100 }).handle(async (request) => {
      // Still running after the microtask turn it started in, so its guard is watched until it answers.
      await new Promise((resolve) => setImmediate(resolve))
      if (request.event % 1_000 === 999) throw new Error(`record ${request.event} failed`)
      return request.event
    })

    // Records ending in 999 throw: the adapter above stops at the first failure.
    await expect(handler({ count: 999 }, context(60_000))).resolves.toBe(999)
    await expect(handler({ count: 10_000 }, context(60_000))).rejects.toThrow('record 999 failed')
    expect(watchedDeadlineCount()).toBe(0)

    const passing = lambda(records(), { deadlineMarginMs: 100 }).handle(async (request) => {
      await new Promise((resolve) => setImmediate(resolve))
      return request.event
    })
    await expect(passing({ count: 10_000 }, context(60_000))).resolves.toBe(10_000)
    expect(watchedDeadlineCount()).toBe(0)
  })

  it('keeps a signal that was read watched until the invocation ends, then lets go of it', async () => {
    let signal: AbortSignal | undefined
    const handler = lambda(raw(), { deadlineMarginMs: 100 }).handle((request) => {
      signal = request.signal
      expect(watchedDeadlineCount()).toBe(1)
      return 'sync answer'
    })

    await expect(handler({}, context(60_000))).resolves.toBe('sync answer')
    expect(signal?.aborted).toBe(false)
    expect(watchedDeadlineCount()).toBe(0)
  })
})

describe('middlewares', () => {
  it('are called as methods of the object they were given as', async () => {
    const auth = {
      name: 'auth',
      role: 'admin',
      handle(
        this: { role: string },
        _request: InvocationRequest,
        next: (added: { role: string }) => unknown,
      ) {
        return next({ role: this.role })
      },
    }
    const handler = lambda(raw())
      .use(auth)
      .handle((request) => request.role)

    await expect(handler({}, context())).resolves.toBe('admin')
  })

  it('hand on own enumerable fields, symbol-keyed ones included, and nothing inherited', async () => {
    const tag = Symbol('tag')
    const added = Object.create({ inherited: 'no' }) as Record<PropertyKey, unknown>
    added.user = 'ada'
    added[tag] = 'tagged'
    Object.defineProperty(added, 'hidden', { value: 'no', enumerable: false })
    const handler = lambda(raw())
      .use({ name: 'fields', handle: (_request, next: (added: object) => unknown) => next(added) })
      .handle((request) => {
        const fields = request as unknown as Record<PropertyKey, unknown>
        return [fields.user, fields[tag], 'inherited' in fields, 'hidden' in fields]
      })

    await expect(handler({}, context())).resolves.toEqual(['ada', 'tagged', false, false])
  })
})
