import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  apiGatewayV2,
  endReserveMs,
  type InvocationEnd,
  type InvocationRequest,
  invocationOf,
  lambda,
  raw,
  setLogWriter,
  sns,
  wrap,
} from '../../src/index.js'
import {
  apiGatewayV2Event,
  context,
  deferred,
  delay,
  readResponse,
  snsEvent,
  snsRecord,
} from '../support/index.js'

/*
 * The end of an invocation, as a middleware sees it: one state per invocation (`local()`), reached from any of its
 * requests, and work that runs once the answer is ready and before the handler returns (`onEnd()`), on success, on
 * error and at the deadline, awaited within the time the guard leaves.
 */

let restoreWriter: (() => void) | undefined
let lines: Record<string, unknown>[] = []
beforeEach(() => {
  lines = []
  restoreWriter = setLogWriter((line) => lines.push(JSON.parse(line) as Record<string, unknown>))
})
afterEach(() => {
  restoreWriter?.()
  vi.useRealTimers()
})

/** A middleware that keeps a list per invocation and reports it, with how the invocation ended, at its end. */
function endRecorder(ends: { end: InvocationEnd; seen: string[] }[], order?: string[], label = 'recorder') {
  const key = Symbol(label)
  return {
    name: label,
    handle(request: InvocationRequest & { readonly body?: unknown }, next: () => unknown) {
      const invocation = invocationOf(request)
      if (invocation === undefined) throw new Error('no invocation')
      const seen = invocation.local(key, () => {
        const list: string[] = []
        invocation.onEnd((end) => {
          order?.push(label)
          ends.push({ end, seen: list })
        })
        return list
      })
      seen.push(String(request.body ?? request.context.awsRequestId))
      return next()
    },
  }
}

describe('Invocation.onEnd()', () => {
  it('runs once the answer is ready and before the handler returns, when the invocation succeeded', async () => {
    const ends: { end: InvocationEnd; seen: string[] }[] = []
    let answeredBeforeEnd = false
    const handler = lambda(apiGatewayV2())
      .use(endRecorder(ends))
      .handle(() => {
        answeredBeforeEnd = ends.length === 0
        return { ok: true }
      })
    const response = readResponse(
      await handler(apiGatewayV2Event(), context(5_000, { awsRequestId: 'req-1' })),
    )
    expect(response.status).toBe(200)
    expect(answeredBeforeEnd).toBe(true)
    expect(ends).toEqual([
      {
        end: { failed: false, error: undefined, expired: false },
        seen: ['req-1'],
      },
    ])
  })

  it('runs when the handler throws to the runtime, with the error', async () => {
    const ends: { end: InvocationEnd; seen: string[] }[] = []
    const failure = new Error('boom')
    const handler = lambda(raw())
      .use(endRecorder(ends))
      .handle(() => {
        throw failure
      })
    await expect(handler({}, context())).rejects.toBe(failure)
    expect(ends).toHaveLength(1)
    expect(ends[0]?.end).toMatchObject({ failed: true, error: failure, expired: false })
  })

  it('runs when the deadline guard cut the invocation, after the 504 is ready', async () => {
    vi.useFakeTimers()
    const ends: { end: InvocationEnd; seen: string[] }[] = []
    const handler = lambda(apiGatewayV2(), { deadlineMarginMs: 100 })
      .use(endRecorder(ends))
      .handle(() => new Promise(() => {}))
    const running = handler(apiGatewayV2Event(), context(1_000))
    await vi.advanceTimersByTimeAsync(1_000)
    expect(readResponse(await running).status).toBe(504)
    expect(ends).toHaveLength(1)
    expect(ends[0]?.end).toMatchObject({ failed: false, expired: true })
  })

  it('runs once per invocation on a per-record source, with one state shared by every record', async () => {
    const ends: { end: InvocationEnd; seen: string[] }[] = []
    const made = vi.fn()
    const handler = lambda(sns())
      .use(endRecorder(ends))
      .use({
        name: 'counts makes',
        handle(request, next) {
          invocationOf(request)?.local(made, made)
          return next()
        },
      })
      .handle(() => {})
    await handler(
      snsEvent(snsRecord({ message: 'a' }), snsRecord({ message: 'b' }), snsRecord({ message: 'c' })),
      context(),
    )
    expect(ends.map((entry) => entry.seen)).toEqual([['a', 'b', 'c']])
    expect(made).toHaveBeenCalledTimes(1)
  })

  it('runs hooks in the reverse of their registration, the onion unwinding', async () => {
    const ends: { end: InvocationEnd; seen: string[] }[] = []
    const order: string[] = []
    const handler = lambda(raw())
      .use(endRecorder(ends, order, 'outer'))
      .use(endRecorder(ends, order, 'inner'))
      .handle(() => 'done')
    await expect(handler({}, context())).resolves.toBe('done')
    expect(order).toEqual(['inner', 'outer'])
  })

  it('awaits a hook that returns a promise before answering', async () => {
    const flushed = deferred()
    let finished = false
    const handler = lambda(raw())
      .use({
        name: 'async end',
        handle(request, next) {
          invocationOf(request)?.onEnd(async () => {
            await flushed.promise
            finished = true
          })
          return next()
        },
      })
      .handle(() => 'answer')
    let returned = false
    const running = handler({}, context()).then((value) => {
      returned = true
      return value
    })
    // A whole turn of the event loop: the answer is ready, the hook is not done, so the handler has not returned.
    await new Promise((resolve) => setImmediate(resolve))
    expect(returned).toBe(false)
    flushed.resolve()
    await expect(running).resolves.toBe('answer')
    expect(finished).toBe(true)
  })

  it('stops waiting for a hook at the time the guard leaves, with a warning, and still answers', async () => {
    vi.useFakeTimers()
    const marginMs = 200
    const handler = lambda(raw(), { deadlineMarginMs: marginMs })
      .use({
        name: 'hung end',
        handle(request, next) {
          invocationOf(request)?.onEnd(() => new Promise(() => {}))
          return next()
        },
      })
      .handle(() => 'answer')
    const startedAtMs = Date.now()
    let answeredAtMs: number | undefined
    const running = handler({}, context(1_000)).then((value) => {
      answeredAtMs = Date.now()
      return value
    })
    await vi.advanceTimersByTimeAsync(2_000)
    await expect(running).resolves.toBe('answer')
    expect(answeredAtMs).toBe(startedAtMs + 1_000 - endReserveMs)
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'WARN',
        message: expect.stringContaining('still running at the deadline'),
      }),
    ])
  })

  it('logs a hook that throws or rejects, runs the others, and keeps the answer', async () => {
    const ran: string[] = []
    const handler = lambda(raw())
      .use({
        name: 'ends',
        handle(request, next) {
          const invocation = invocationOf(request)
          invocation?.onEnd(() => {
            ran.push('first')
          })
          invocation?.onEnd(() => {
            throw new Error('sync end failure')
          })
          invocation?.onEnd(() => Promise.reject(new Error('async end failure')))
          return next()
        },
      })
      .handle(() => 'answer')
    await expect(handler({}, context())).resolves.toBe('answer')
    expect(ran).toEqual(['first'])
    // The hooks run last first: the rejecting one starts first, the throwing one fails at once, the rejection after.
    expect(
      lines.map((line) => [line.level, line.message, (line.error as { message?: string })?.message]),
    ).toEqual([
      ['ERROR', 'Work at the end of the invocation failed', 'sync end failure'],
      ['ERROR', 'Work at the end of the invocation failed', 'async end failure'],
    ])
  })

  it('never runs a hook registered after the end, and keeps nothing of the invocation once it is over', async () => {
    let late: (() => void) | undefined
    const lateHook = vi.fn()
    const handler = lambda(raw())
      .use({
        name: 'late',
        handle(request, next) {
          const invocation = invocationOf(request)
          late = () => invocation?.onEnd(lateHook)
          return next()
        },
      })
      .handle(() => 'answer')
    await handler({}, context())
    late?.()
    expect(lateHook).not.toHaveBeenCalled()
  })

  it('runs for a wrapped legacy handler too', async () => {
    const ends: { end: InvocationEnd; seen: string[] }[] = []
    const handler = wrap(async () => 'legacy').use(endRecorder(ends))
    await expect(handler({}, context(3_000, { awsRequestId: 'req-legacy' }))).resolves.toBe('legacy')
    expect(ends.map((entry) => entry.seen)).toEqual([['req-legacy']])
  })
})

describe('overlapping invocations', () => {
  it('each keep their own state and end with only what they saw', async () => {
    vi.useFakeTimers()
    const ends: { end: InvocationEnd; seen: string[] }[] = []
    const handler = lambda(sns())
      .use(endRecorder(ends))
      .handle(async ({ body }) => {
        await delay(Number(body.split(':')[1]))
      })
    const invocations = 300
    const running = Array.from({ length: invocations }, (_, index) =>
      handler(
        snsEvent(
          snsRecord({ message: `${index}-a:${(index * 7) % 13}` }),
          snsRecord({ message: `${index}-b:${(index * 5) % 11}` }),
        ),
        context(60_000),
      ),
    )
    await vi.runAllTimersAsync()
    await Promise.all(running)
    expect(ends).toHaveLength(invocations)
    for (const { seen } of ends) {
      const [first, second] = seen
      const index = first?.split('-')[0]
      expect(seen).toEqual([first, second])
      expect(second?.startsWith(`${index}-b:`)).toBe(true)
      expect(first?.startsWith(`${index}-a:`)).toBe(true)
    }
    expect(new Set(ends.map(({ seen }) => seen[0]?.split('-')[0])).size).toBe(invocations)
  })
})
