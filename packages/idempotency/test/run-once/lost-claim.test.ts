import { createHash } from 'node:crypto'
import { lambda, raw, setLogWriter } from '@tsumiki/core'
import { createContext } from '@tsumiki/testing'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { idempotent, makeIdempotent, memoryStore } from '../../src/index.js'
import { deferred, manualClock, storeKinds } from '../support/stores.js'

const lines: string[] = []
const restore = setLogWriter((line) => {
  lines.push(line)
})
afterEach(() => {
  lines.length = 0
})
afterAll(restore)

const expiresAfterMs = 60_000
// A key a client could have made of personal data: it must not reach a log line.
const key = 'refund for ana@example.com'
const keyHash = createHash('sha256').update(key).digest('base64url')

describe.each(storeKinds)('a claim lost before its work finished, on the $name store', (kind) => {
  beforeAll(() => kind.start())
  afterAll(() => kind.stop())

  it('answers its own caller with its result, stores and caches nothing of it, and warns naming the record', async () => {
    const store = await kind.create()
    const clock = manualClock()
    const firstRunning = deferred()
    const firstMayFinish = deferred()
    let runs = 0
    const refund = makeIdempotent(
      async (input: { id: string; run: string }) => {
        runs++
        if (input.run === 'first') {
          firstRunning.resolve()
          await firstMayFinish.promise
        }
        return input.run
      },
      {
        store,
        expiresAfterMs,
        clock: clock.now,
        inProgressExpiryMs: 1_000,
        localCache: true,
        key: (input) => input.id,
        scope: 'refunds',
      },
    )
    const first = refund({ id: key, run: 'first' })
    await firstRunning.promise
    // The first call outlives its claim; a retry takes the key over and completes it.
    clock.advance(1_001)
    expect(await refund({ id: key, run: 'second' })).toBe('second')
    firstMayFinish.resolve()
    expect(await first).toBe('first')

    // What counts is the record of the invocation that holds the key: not the first call's result, from the store
    // or from this process's cache.
    expect(await refund({ id: key, run: 'third' })).toBe('second')
    expect(runs).toBe(2)
    expect(await store.read(`refunds#${keyHash}`, undefined)).toMatchObject({
      status: 'COMPLETED',
      result: JSON.stringify({ value: 'second' }),
    })

    expect(lines).toHaveLength(1)
    const line = JSON.parse(lines[0] ?? '{}')
    expect(line).toMatchObject({ level: 'WARN', idempotency_record: `refunds#${keyHash}` })
    expect(line.message).toContain('not stored')
    expect(lines[0]).not.toContain('ana@example.com')
  })
})

describe('the lost-claim warning', () => {
  async function loseClaim(log: { warn: unknown; error: unknown }) {
    // The claim holds until the invocation's deadline, in real time: the clock is moved past it by a shift.
    let shiftMs = 0
    const running = deferred()
    const mayFinish = deferred()
    const handler = lambda(raw<{ id: string; slow: boolean }>())
      .use({
        name: 'fake-logger',
        handle: (_request, next: (added: { log: { warn: unknown; error: unknown } }) => unknown) =>
          next({ log }),
      })
      .use(
        idempotent({
          store: memoryStore(),
          expiresAfterMs,
          clock: () => Date.now() + shiftMs,
          key: ({ event }) => event.id,
        }),
      )
      .handle(async ({ event }) => {
        if (event.slow) {
          running.resolve()
          await mayFinish.promise
        }
        return event.slow ? 'slow' : 'quick'
      })
    const slow = handler({ id: 'k', slow: true }, createContext({ remainingMs: 10_000 }))
    await running.promise
    shiftMs = 10_001
    expect(await handler({ id: 'k', slow: false }, createContext({ remainingMs: 10_000 }))).toBe('quick')
    mayFinish.resolve()
    return slow
  }

  it('falls back to core’s log line when the request’s logger throws, and the call keeps its result', async () => {
    const throwing = () => {
      throw new Error('logger broke')
    }
    expect(await loseClaim({ warn: throwing, error: throwing })).toBe('slow')
    expect(lines).toHaveLength(1)
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ level: 'WARN' })
  })

  it('goes to the request’s logger when the chain has one', async () => {
    const warned: unknown[] = []
    const log = {
      warn: (message: string, fields: unknown) => warned.push({ message, fields }),
      error: () => {},
    }
    expect(await loseClaim(log)).toBe('slow')
    expect(warned).toEqual([
      {
        message: expect.stringContaining('not stored'),
        fields: { idempotency_record: expect.stringMatching(/#/) },
      },
    ])
    expect(lines).toEqual([])
  })
})
