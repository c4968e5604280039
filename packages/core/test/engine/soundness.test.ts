import type { APIGatewayProxyHandlerV2, Callback, Context } from 'aws-lambda'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  apiGatewayV2,
  currentRequest,
  DeadlineExceededError,
  type HttpRequest,
  lambda,
  middleware,
  raw,
  registerSensitiveValue,
  reply,
  router,
  sns,
  wrap,
} from '../../src/index.js'
import {
  apiGatewayV2Event,
  captureStderr,
  context,
  readResponse,
  settle,
  snsEvent,
  snsRecord,
} from '../support/index.js'

describe('fields only grow: every layer sees a true type', () => {
  it('leaves the raw body to an outer layer after next(), while inner layers get the parsed input', async () => {
    let outerBodyAfterNext: unknown
    const outer = middleware<HttpRequest>({
      name: 'outer',
      async handle(request, next) {
        const result = await next()
        outerBodyAfterNext = request.body
        return result
      },
    })
    const parse = middleware<HttpRequest, { input: { body: { qty: number } } }>({
      name: 'parse',
      handle: (request, next) => next({ input: { body: JSON.parse(request.body ?? '{}') } }),
    })
    const handler = lambda(apiGatewayV2())
      .use(outer)
      .use(parse)
      .handle((request) => ({ qty: request.input.body.qty, raw: request.body }))

    const response = readResponse(await handler(apiGatewayV2Event({ body: '{"qty":3}' }), context()))
    expect(response.json()).toEqual({ qty: 3, raw: '{"qty":3}' })
    expect(outerBodyAfterNext).toBe('{"qty":3}')
  })

  it('runs a middleware typed on HttpRequest after one that added fields, reading the raw request', async () => {
    const seen: unknown[] = []
    const parse = middleware<HttpRequest, { input: { body: unknown } }>({
      name: 'parse',
      handle: (request, next) => next({ input: { body: JSON.parse(request.body ?? 'null') } }),
    })
    const requireApiKey = middleware<HttpRequest, { caller: string }>({
      name: 'require-api-key',
      handle: (request, next) => {
        seen.push(typeof request.body)
        return next({ caller: request.headers['x-api-key'] ?? 'anonymous' })
      },
    })
    const handler = lambda(apiGatewayV2())
      .use(parse)
      .use(requireApiKey)
      .handle((request) => ({ caller: request.caller, body: request.input.body }))

    const response = readResponse(
      await handler(apiGatewayV2Event({ body: '{"a":1}', headers: { 'x-api-key': ['k-1'] } }), context()),
    )
    expect(response.json()).toEqual({ caller: 'k-1', body: { a: 1 } })
    expect(seen).toEqual(['string'])
  })

  it('merges `input` from two validators, each keeping the other’s parts', async () => {
    const handler = lambda(raw<{ a: number; b: number }>())
      .use(
        middleware<{ event: { a: number } }, { input: { a: number } }>({
          name: 'a',
          handle: (request, next) => next({ input: { a: request.event.a } }),
        }),
      )
      .use(
        middleware<{ event: { b: number } }, { input: { b: number } }>({
          name: 'b',
          handle: (request, next) => next({ input: { b: request.event.b } }),
        }),
      )
      .handle((request) => request.input)

    await expect(handler({ a: 1, b: 2 }, context())).resolves.toEqual({ a: 1, b: 2 })
  })
})

describe('init state reaches handle', () => {
  it('hands what init() resolved to every handle call, and inits once', async () => {
    const init = vi.fn(async () => ({ table: 'orders-prod' }))
    const config = middleware<InvocationRequestLike, { table: string }, { table: string }>({
      name: 'config',
      init,
      handle: (_request, next, state) => next({ table: state.table }),
    })
    const handler = lambda(raw())
      .use(config)
      .handle((request) => request.table)

    await expect(handler({}, context())).resolves.toBe('orders-prod')
    await expect(handler({}, context())).resolves.toBe('orders-prod')
    expect(init).toHaveBeenCalledTimes(1)
  })

  it('hands the state of the attempt that succeeded after a failed one', async () => {
    let attempt = 0
    const config = middleware<InvocationRequestLike, { value: number }, number>({
      name: 'flaky-config',
      init: async () => {
        attempt += 1
        if (attempt === 1) throw new Error('throttled')
        return attempt
      },
      handle: (_request, next, state) => next({ value: state }),
    })
    const handler = lambda(raw())
      .use(config)
      .handle((request) => request.value)

    await expect(handler({}, context())).rejects.toMatchObject({ code: 'INIT_FAILED' })
    await expect(handler({}, context())).resolves.toBe(2)
    await expect(handler({}, context())).resolves.toBe(2)
  })
})

type InvocationRequestLike = object

describe('one deadline guard for the whole invocation', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
    vi.restoreAllMocks()
  })

  it('answers 504 on HTTP and writes one log line when an init hangs', async () => {
    const log = captureStderr()
    const handler = lambda(apiGatewayV2(), { deadlineMarginMs: 500 })
      .use({ name: 'hung-init', init: () => new Promise<void>(() => {}), handle: (_r, next) => next() })
      .handle(() => 'never')

    const outcome = settle(handler(apiGatewayV2Event(), context(1_000, { awsRequestId: 'req-init' })))
    await vi.advanceTimersByTimeAsync(500)
    const settled = await outcome
    expect(settled.ok && readResponse(settled.value).status).toBe(504)
    expect(log.lines()).toEqual([
      expect.objectContaining({
        level: 'ERROR',
        function_request_id: 'req-init',
        message: expect.any(String),
      }),
    ])
  })

  it('answers 504 when a middleware hangs before next(), and an outer middleware sees the error', async () => {
    const log = captureStderr()
    const seenByOuter: unknown[] = []
    const handler = lambda(apiGatewayV2(), { deadlineMarginMs: 500 })
      .use({
        name: 'outer',
        async handle(_request, next) {
          try {
            return await next()
          } catch (error) {
            seenByOuter.push(error)
            throw error
          }
        },
      })
      .use({ name: 'hung', handle: () => new Promise(() => {}) })
      .handle(() => 'never')

    const outcome = settle(handler(apiGatewayV2Event(), context(1_000)))
    await vi.advanceTimersByTimeAsync(520)
    const settled = await outcome
    expect(settled.ok && readResponse(settled.value).status).toBe(504)
    expect(seenByOuter).toEqual([expect.any(DeadlineExceededError)])
    expect(log.lines()).toHaveLength(1)
  })

  it('guards a handler that returns a thenable that is not a Promise', async () => {
    captureStderr()
    // biome-ignore lint/suspicious/noThenProperty: a thenable that never settles is what this test is about
    const thenable = { then: (_resolve: (value: unknown) => void) => {} }
    const handler = lambda(apiGatewayV2(), { deadlineMarginMs: 500 }).handle(() => thenable as never)

    const outcome = settle(handler(apiGatewayV2Event(), context(1_000)))
    await vi.advanceTimersByTimeAsync(500)
    const settled = await outcome
    expect(settled.ok && readResponse(settled.value).status).toBe(504)
  })

  it('says in the message how much time was left when the guard fired', async () => {
    const handler = lambda(raw(), { deadlineMarginMs: 300 }).handle(async (request) => {
      await new Promise((_resolve, reject) => request.signal.addEventListener('abort', reject))
    })
    const outcome = settle(handler({}, context(1_000)))
    await vi.advanceTimersByTimeAsync(700)
    const settled = await outcome
    const reason = settled.ok ? undefined : settled.error
    expect(reason).toBeInstanceOf(DeadlineExceededError)
    expect((reason as DeadlineExceededError).remainingMs).toBe(300)
    expect((reason as Error).message).toContain('300 ms left')
  })

  it('cuts a route middleware before the chain around the router, so it can still answer', async () => {
    captureStderr()
    const seenOutside: unknown[] = []
    const base = lambda(apiGatewayV2(), { deadlineMarginMs: 500 }).use({
      name: 'outside',
      async handle(_request, next) {
        try {
          return await next()
        } catch (error) {
          seenOutside.push(error)
          throw error
        }
      },
    })
    const handler = base.handle(
      router<typeof base>().get('/slow', (route) =>
        route
          .use({
            name: 'partial-answer',
            async handle(_request, next) {
              try {
                return await next()
              } catch {
                return reply({ status: 202, body: { partial: true } })
              }
            },
          })
          .handle(() => new Promise(() => {})),
      ),
    )

    const outcome = settle(handler(apiGatewayV2Event({ path: '/slow' }), context(1_000)))
    await vi.advanceTimersByTimeAsync(520)
    const settled = await outcome
    expect(settled.ok && readResponse(settled.value)).toMatchObject({ status: 202 })
    expect(seenOutside).toEqual([])
  })

  it('logs each failed record once under its own id when all share the deadline error', async () => {
    const log = captureStderr()
    const handler = lambda(sns(), { deadlineMarginMs: 500 }).handle(() => new Promise(() => {}))
    const event = snsEvent(snsRecord({ messageId: 'm-1' }), snsRecord({ messageId: 'm-2' }))

    const outcome = settle(handler(event, context(700)))
    await vi.advanceTimersByTimeAsync(300)
    const settled = await outcome
    expect(settled.ok).toBe(false)
    const recordIds = log.lines().map((line) => (line as { record_id?: string }).record_id)
    expect(recordIds).toEqual(['m-1', 'm-2'])
  })
})

describe('secrets never reach a log line core writes', () => {
  it('redacts a registered value thrown inside an error when no logger middleware is used', async () => {
    const secret = 'sk_live_4f9c2b7e1d'
    registerSensitiveValue(secret)
    const log = captureStderr()
    const handler = lambda(apiGatewayV2()).handle(() => {
      throw new Error(`login failed with password "${secret}"`)
    })

    const response = readResponse(await handler(apiGatewayV2Event(), context()))
    expect(response.status).toBe(500)
    const written = log.spy.mock.calls.map(([line]) => line).join('')
    expect(written).toContain('[REDACTED]')
    expect(written).not.toContain(secret)
    expect(JSON.stringify(response)).not.toContain(secret)
  })
})

describe('wrap() takes the handlers people already have', () => {
  it('runs an @types/aws-lambda handler typed with callback and awaits its promise', async () => {
    const legacy: APIGatewayProxyHandlerV2 = async (event) => ({ statusCode: 200, body: event.rawPath })
    const handler = wrap(legacy)
    await expect(handler(apiGatewayV2Event({ path: '/orders' }), context())).resolves.toMatchObject({
      statusCode: 200,
      body: '/orders',
    })
  })

  it('waits for a callback-style handler to answer through its callback', async () => {
    const legacy = (_event: { n: number }, _context: Context, callback: Callback<number>) => {
      setImmediate(() => callback(null, 42))
    }
    await expect(wrap(legacy)({ n: 1 }, context())).resolves.toBe(42)
    const failing = (_event: unknown, _context: Context, callback: Callback<number>) => callback('boom')
    await expect(wrap(failing)({}, context())).rejects.toThrow('boom')
  })

  it('lets legacy code reach what the middlewares added through currentRequest(context)', async () => {
    const legacy = async (_event: unknown, lambdaContext: Context) => currentRequest(lambdaContext)?.tenant
    const handler = wrap(legacy).use(
      middleware<object, { tenant: string }>({
        name: 'tenant',
        handle: (_r, next) => next({ tenant: 'acme' }),
      }),
    )
    await expect(handler({}, context())).resolves.toBe('acme')
  })
})
