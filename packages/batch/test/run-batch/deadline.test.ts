import { DeadlineExceededError, lambda, middleware, RecordsFailedError } from '@tsumiki/core'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { kinesis, RecordsNotRunError, sqs } from '../../src/index.js'
import {
  captureStderr,
  createContext,
  failedIds,
  kinesisEvent,
  sleep,
  sqsEvent,
} from '../support/fixtures.js'

// The clock and the timers (each invocation's deadline guard, the handlers' waits) are fake: a test says when time
// passes, so none depends on how busy the machine is.
let stderr: ReturnType<typeof captureStderr>
beforeEach(() => {
  vi.useFakeTimers()
  stderr = captureStderr()
})
afterEach(() => {
  stderr.restore()
  vi.useRealTimers()
})

/** Runs an invocation to its end: every timer fires, the deadline guard's included. */
async function settled<T>(invocation: Promise<T>): Promise<T | unknown> {
  const outcome = invocation.catch((error: unknown) => error)
  await vi.runAllTimersAsync()
  return outcome
}

const messages = (count: number) => Array.from({ length: count }, (_, i) => `m${i}`)

describe('at the deadline', () => {
  it('reports the records in flight and those not started, and never drops one', async () => {
    const started: string[] = []
    // Cut-off 500 ms from now: m0 and m1 finish at once, m2 and m3 never do and are cut short, m4-m9 never start.
    const handler = lambda(sqs({ concurrency: 2 }), { deadlineMarginMs: 100 }).handle(
      async ({ messageId }) => {
        started.push(messageId)
        if (messageId !== 'm0' && messageId !== 'm1') await new Promise(() => {})
      },
    )
    const response = (await settled(
      handler(sqsEvent(messages(10)), createContext({ remainingMs: 600 })),
    )) as {
      batchItemFailures: { itemIdentifier: string }[]
    }
    expect(started).toEqual(['m0', 'm1', 'm2', 'm3'])
    expect(failedIds(response)).toEqual(messages(10).slice(2))
    const lines = stderr.lines()
    // m2 and m3 failed with the one DeadlineExceededError: each record still gets its own line.
    expect(lines.map((line) => [line.level, line.record_id ?? line.records_not_run])).toEqual([
      ['ERROR', 'm2'],
      ['ERROR', 'm3'],
      ['WARN', 6],
    ])
    expect(lines[0]).toMatchObject({ message: 'Record failed', error: { code: 'DEADLINE_EXCEEDED' } })
    expect(lines[1]).toMatchObject({ message: 'Record failed', error: { code: 'DEADLINE_EXCEEDED' } })
  })

  it('stops starting synchronous handlers at the cut-off, though they never yield to its timer', async () => {
    let ran = 0
    const handler = lambda(sqs(), { deadlineMarginMs: 50 }).handle(() => {
      ran++
      // 30 ms of synchronous work: the clock moves, and no timer gets a turn.
      vi.setSystemTime(Date.now() + 30)
    })
    const response = await handler(sqsEvent(messages(20)), createContext({ remainingMs: 350 }))
    expect(ran).toBeGreaterThan(0)
    expect(ran).toBeLessThan(20)
    expect(failedIds(response)).toEqual(messages(20).slice(ran))
  })

  it('answers in time when a middleware hangs before next()', async () => {
    const hang = middleware({ name: 'hang', handle: () => new Promise(() => {}) })
    const handler = lambda(sqs(), { deadlineMarginMs: 50 })
      .use(hang)
      .handle(() => {})
    let answered = false
    const invocation = handler(sqsEvent(messages(3)), createContext({ remainingMs: 550 })).catch(
      (e: unknown) => e,
    )
    void invocation.then(() => {
      answered = true
    })
    // Without the guard it would never answer: it answers by its cut-off, 500 ms in.
    await vi.advanceTimersByTimeAsync(500)
    expect(answered).toBe(true)
    const error = (await invocation) as RecordsFailedError
    expect(error).toBeInstanceOf(RecordsFailedError)
    expect(error.failures.map((failure) => failure.error)).toEqual([
      expect.any(DeadlineExceededError),
      expect.any(DeadlineExceededError),
      expect.any(DeadlineExceededError),
    ])
  })

  it('reports the earliest unfinished stream record as the checkpoint', async () => {
    const handler = lambda(kinesis(), { deadlineMarginMs: 100 }).handle(async ({ sequenceNumber }) => {
      if (sequenceNumber !== '1') await new Promise(() => {})
    })
    const event = kinesisEvent(['1', '2', '3', '4'].map((sequenceNumber) => ({ sequenceNumber })))
    const response = (await settled(handler(event, createContext({ remainingMs: 600 })))) as {
      batchItemFailures: { itemIdentifier: string }[]
    }
    // 1 finishes, 2 is cut short; 3 and 4 will come again after the checkpoint at 2.
    expect(failedIds(response)).toEqual(['2'])
  })

  it('runs nothing and fails the invocation when it starts past the cut-off', async () => {
    let ran = 0
    const handler = lambda(sqs(), { deadlineMarginMs: 500 }).handle(() => {
      ran++
    })
    const error = (await handler(sqsEvent(messages(2)), createContext({ remainingMs: 100 })).catch(
      (e: unknown) => e,
    )) as RecordsFailedError
    expect(ran).toBe(0)
    expect(error).toBeInstanceOf(RecordsFailedError)
    expect(error.failures.map((failure) => (failure.error as RecordsNotRunError).reason)).toEqual([
      'deadline',
      'deadline',
    ])
  })

  it('lists records not started as RecordsNotRunError when nothing succeeded', async () => {
    // The cut-off is 500 ms away: the first record starts before it and runs past it.
    const handler = lambda(sqs({ concurrency: 1 }), { deadlineMarginMs: 100 }).handle(() => sleep(2_000))
    const error = (await settled(
      handler(sqsEvent(messages(3)), createContext({ remainingMs: 600 })),
    )) as RecordsFailedError
    expect(error).toBeInstanceOf(RecordsFailedError)
    expect(error.failures[0]?.error).toBeInstanceOf(DeadlineExceededError)
    const notRun = error.failures[1]?.error as RecordsNotRunError
    expect(notRun).toBeInstanceOf(RecordsNotRunError)
    expect(notRun.reason).toBe('deadline')
    expect(notRun.recordIds).toEqual(['m1', 'm2'])
  })
})
