import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  apiGatewayV1,
  DeadlineExceededError,
  defaultDeadlineMarginMs,
  InvalidOptionError,
  isTsumikiError,
  lambda,
  raw,
  reply,
  router,
  wrap,
} from '../../src/index.js'
import {
  apiGatewayV1Event,
  captureStderr,
  context,
  contextWithoutClock,
  readResponse,
  settle,
} from '../support/index.js'

beforeEach(() => {
  vi.useFakeTimers()
})

afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
})

/** A handler that is still working when asked: it waits for the signal (or forever). */
function waitForAbort(signal: AbortSignal): Promise<never> {
  return new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason)))
}

describe('the deadline guard', () => {
  it('aborts request.signal with DeadlineExceededError deadlineMarginMs before the Lambda timeout', async () => {
    let signal: AbortSignal | undefined
    const handler = lambda(raw(), { deadlineMarginMs: 500 }).handle((request) => {
      signal = request.signal
      return new Promise(() => {})
    })

    const outcome = settle(handler({}, context(700)))
    await vi.advanceTimersByTimeAsync(199)
    expect(signal?.aborted).toBe(false)

    await vi.advanceTimersByTimeAsync(1)
    expect(signal?.aborted).toBe(true)
    expect(signal?.reason).toBeInstanceOf(DeadlineExceededError)
    expect(signal?.reason).toMatchObject({ code: 'DEADLINE_EXCEEDED', marginMs: 500 })
    expect(await outcome).toEqual({ ok: false, error: signal?.reason })
  })

  it('uses a 500 ms margin by default', async () => {
    let signal: AbortSignal | undefined
    const handler = lambda(raw()).handle((request) => {
      signal = request.signal
      return waitForAbort(request.signal)
    })

    const outcome = settle(handler({}, context(2_000)))
    await vi.advanceTimersByTimeAsync(2_000 - defaultDeadlineMarginMs - 1)
    expect(signal?.aborted).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    expect(signal?.aborted).toBe(true)
    expect(defaultDeadlineMarginMs).toBe(500)
    expect((await outcome).ok).toBe(false)
  })

  it('rejects a still-running async handler with DeadlineExceededError even when it ignores the signal', async () => {
    const handler = lambda(raw(), { deadlineMarginMs: 500 }).handle(
      () => new Promise((resolve) => setTimeout(() => resolve('too late'), 10_000)),
    )

    const outcome = settle(handler({}, context(1_500)))
    await vi.advanceTimersByTimeAsync(1_000)
    const settled = await outcome
    expect(settled.ok).toBe(false)
    expect(settled.ok ? undefined : settled.error).toBeInstanceOf(DeadlineExceededError)
  })

  it('exposes the deadline as request.deadlineAtMs', async () => {
    vi.setSystemTime(new Date('2024-05-01T09:00:00.000Z'))
    const handler = lambda(raw()).handle((request) => request.deadlineAtMs)

    await expect(handler({}, context(30_000))).resolves.toBe(Date.parse('2024-05-01T09:00:30.000Z'))
  })

  it('lets a middleware awaiting next() see DeadlineExceededError and run its cleanup', async () => {
    const cleanup = vi.fn()
    let seen: unknown
    const handler = lambda(raw(), { deadlineMarginMs: 500 })
      .use({
        name: 'release-lock',
        async handle(_request, next) {
          try {
            return await next()
          } catch (error) {
            seen = error
            cleanup()
            return { partial: true }
          }
        },
      })
      .handle(() => new Promise(() => {}))

    const outcome = handler({}, context(700))
    await vi.advanceTimersByTimeAsync(200)
    await expect(outcome).resolves.toEqual({ partial: true })
    expect(seen).toBeInstanceOf(DeadlineExceededError)
    expect(cleanup).toHaveBeenCalledTimes(1)
  })

  it('answers 504 on HTTP with a JSON error body, and logs the deadline once', async () => {
    const stderr = captureStderr()
    const handler = lambda(apiGatewayV1(), { deadlineMarginMs: 500 }).handle((request) =>
      waitForAbort(request.signal),
    )

    const outcome = handler(
      apiGatewayV1Event({ path: '/reports' }),
      context(700, { awsRequestId: 'req-slow' }),
    )
    await vi.advanceTimersByTimeAsync(200)
    const response = readResponse(await outcome)

    expect(response.status).toBe(504)
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(response.json()).toEqual({
      error: { type: 'deadline_exceeded', message: 'The request could not be completed in time' },
    })
    expect(stderr.lines()).toEqual([
      expect.objectContaining({
        function_request_id: 'req-slow',
        error: expect.objectContaining({ name: 'DeadlineExceededError', code: 'DEADLINE_EXCEEDED' }),
      }),
    ])
  })

  it('cuts a route chain before the router step it runs in, so the router answers a hung route init', async () => {
    // Depths: the outer middleware 0, the router (the chain's handler) 1, the route's init wait 2. The init wait is
    // cut first; the router's onError() gets its turn before the router step itself would be cut.
    const seenByOuter: unknown[] = []
    const routes = router()
      .onError(DeadlineExceededError, () => reply({ status: 503, body: 'the route could not start in time' }))
      .get('/slow', (route) =>
        route
          .use({ name: 'hung-init', init: () => new Promise<void>(() => {}), handle: (_r, next) => next() })
          .handle(() => 'never'),
      )
    const handler = lambda(apiGatewayV1(), { deadlineMarginMs: 500 })
      .use({
        name: 'outer',
        async handle(_request, next) {
          const answer = await next()
          seenByOuter.push(answer)
          return answer
        },
      })
      .handle(routes)

    const outcome = handler(apiGatewayV1Event({ path: '/slow' }), context(700))
    await vi.advanceTimersByTimeAsync(200)
    const response = readResponse(await outcome)

    expect(response.status).toBe(503)
    expect(response.body).toBe('the route could not start in time')
    expect(seenByOuter).toHaveLength(1)
  })

  it('leaves no timer behind when the handler finishes in time, and never aborts its signal later', async () => {
    let signal: AbortSignal | undefined
    const handler = lambda(raw(), { deadlineMarginMs: 500 }).handle(async (request) => {
      signal = request.signal
      await Promise.resolve()
      return 'fast'
    })

    await expect(handler({}, context(700))).resolves.toBe('fast')
    expect(vi.getTimerCount()).toBe(0)
    await vi.advanceTimersByTimeAsync(10_000)
    expect(signal?.aborted).toBe(false)
  })

  it('passes a synchronous result straight through: there is nothing to interrupt', async () => {
    const handler = lambda(raw(), { deadlineMarginMs: 500 }).handle(() => 'sync answer')

    // Already inside the margin when the invocation starts.
    await expect(handler({}, context(100))).resolves.toBe('sync answer')
    expect(vi.getTimerCount()).toBe(0)
  })

  it('rejects an async handler at once when the invocation starts inside the margin', async () => {
    let aborted: boolean | undefined
    const handler = lambda(raw(), { deadlineMarginMs: 500 }).handle(async (request) => {
      aborted = request.signal.aborted
      return 'never seen'
    })

    await expect(handler({}, context(300))).rejects.toBeInstanceOf(DeadlineExceededError)
    expect(aborted).toBe(true)
  })

  it('is off with deadlineMarginMs: false', async () => {
    let signal: AbortSignal | undefined
    const handler = lambda(raw(), { deadlineMarginMs: false }).handle((request) => {
      signal = request.signal
      return new Promise((resolve) => setTimeout(() => resolve('finished at the very end'), 690))
    })

    const outcome = handler({}, context(700))
    await vi.advanceTimersByTimeAsync(690)
    await expect(outcome).resolves.toBe('finished at the very end')
    expect(signal?.aborted).toBe(false)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('has no deadline when the context has no getRemainingTimeInMillis', async () => {
    let observed: { deadlineAtMs: number; signal: AbortSignal } | undefined
    const handler = lambda(raw(), { deadlineMarginMs: 500 }).handle((request) => {
      observed = { deadlineAtMs: request.deadlineAtMs, signal: request.signal }
      return new Promise((resolve) => setTimeout(() => resolve('done'), 60_000))
    })

    const outcome = handler({}, contextWithoutClock())
    await vi.advanceTimersByTimeAsync(60_000)
    await expect(outcome).resolves.toBe('done')
    expect(observed?.deadlineAtMs).toBe(Number.POSITIVE_INFINITY)
    expect(observed?.signal.aborted).toBe(false)
  })

  it('guards an existing handler given to wrap() as well', async () => {
    const handler = wrap(async (_event: unknown) => new Promise<string>(() => {}), { deadlineMarginMs: 100 })

    const outcome = settle(handler({}, context(400)))
    await vi.advanceTimersByTimeAsync(300)
    const settled = await outcome
    expect(settled.ok ? undefined : settled.error).toBeInstanceOf(DeadlineExceededError)
  })

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])(
    'rejects deadlineMarginMs %s with an InvalidOptionError',
    (marginMs) => {
      expect(() => lambda(raw(), { deadlineMarginMs: marginMs }).handle(() => 'ok')).toThrow(
        InvalidOptionError,
      )
      expect(() => wrap(() => 'ok', { deadlineMarginMs: marginMs })).toThrow(/deadlineMarginMs/)
    },
  )

  it('accepts a margin of 0: the guard fires at the timeout itself', async () => {
    const handler = lambda(raw(), { deadlineMarginMs: 0 }).handle((request) => waitForAbort(request.signal))

    const outcome = settle(handler({}, context(250)))
    await vi.advanceTimersByTimeAsync(250)
    const settled = await outcome
    expect(settled.ok).toBe(false)
    expect(isTsumikiError(settled.ok ? undefined : settled.error)).toBe(true)
  })
})
