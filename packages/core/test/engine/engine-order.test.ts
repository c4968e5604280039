import { describe, expect, it } from 'vitest'
import {
  eventBridge,
  type InvocationRequest,
  isTsumikiError,
  lambda,
  type Middleware,
  raw,
  TsumikiError,
} from '../../src/index.js'
import { context, eventBridgeEvent } from '../support/index.js'

type Log = string[]

function syncLayer(name: string, log: Log): Middleware {
  return {
    name,
    handle(_request, next) {
      log.push(`${name}:before`)
      const result = next()
      log.push(`${name}:after`)
      return result
    },
  }
}

function asyncLayer(name: string, log: Log): Middleware {
  return {
    name,
    async handle(_request, next) {
      log.push(`${name}:before`)
      await Promise.resolve()
      const result = await next()
      log.push(`${name}:after`)
      return result
    },
  }
}

describe('middleware order', () => {
  it('runs synchronous middlewares as an onion: before in use() order, after in reverse', async () => {
    const log: Log = []
    const handler = lambda(raw())
      .use(syncLayer('outer', log))
      .use(syncLayer('inner', log))
      .handle(() => {
        log.push('handler')
        return 'done'
      })

    await expect(handler({}, context())).resolves.toBe('done')
    expect(log).toEqual(['outer:before', 'inner:before', 'handler', 'inner:after', 'outer:after'])
  })

  it('runs asynchronous middlewares and handler as an onion too', async () => {
    const log: Log = []
    const handler = lambda(raw())
      .use(asyncLayer('outer', log))
      .use(asyncLayer('inner', log))
      .handle(async () => {
        await Promise.resolve()
        log.push('handler')
        return 42
      })

    await expect(handler({}, context())).resolves.toBe(42)
    expect(log).toEqual(['outer:before', 'inner:before', 'handler', 'inner:after', 'outer:after'])
  })

  it('passes what the inner layers return back out through every layer', async () => {
    const handler = lambda(raw())
      .use({ name: 'wrap-result', handle: async (_request, next) => ({ wrapped: await next() }) })
      .handle(() => 'inner result')

    await expect(handler({}, context())).resolves.toEqual({ wrapped: 'inner result' })
  })
})

describe('short-circuit', () => {
  it('skips the inner layers and the handler when a middleware answers without calling next()', async () => {
    const log: Log = []
    const handler = lambda(raw())
      .use(syncLayer('outer', log))
      .use({ name: 'cache', handle: () => 'cached answer' })
      .use(syncLayer('inner', log))
      .handle(() => {
        log.push('handler')
        return 'fresh answer'
      })

    await expect(handler({}, context())).resolves.toBe('cached answer')
    expect(log).toEqual(['outer:before', 'outer:after'])
  })
})

describe('errors in the chain', () => {
  it('lets a middleware catch what the handler threw, around await next()', async () => {
    const handler = lambda(raw())
      .use({
        name: 'fallback',
        async handle(_request, next) {
          try {
            return await next()
          } catch (error) {
            return { recovered: (error as Error).message }
          }
        },
      })
      .handle(async () => {
        throw new Error('payment service unavailable')
      })

    await expect(handler({}, context())).resolves.toEqual({ recovered: 'payment service unavailable' })
  })

  it('catches a synchronous throw from the handler as well', async () => {
    const caught: unknown[] = []
    const handler = lambda(raw())
      .use({
        name: 'catcher',
        async handle(_request, next) {
          try {
            return await next()
          } catch (error) {
            caught.push(error)
            return 'handled'
          }
        },
      })
      .handle(() => {
        throw new RangeError('quantity out of range')
      })

    await expect(handler({}, context())).resolves.toBe('handled')
    expect(caught).toEqual([new RangeError('quantity out of range')])
  })

  it('fails the invocation, without running inner layers, when a middleware throws before next()', async () => {
    const log: Log = []
    const handler = lambda(raw())
      .use(syncLayer('outer', log))
      .use({
        name: 'auth',
        handle() {
          throw new Error('token expired')
        },
      })
      .use(syncLayer('inner', log))
      .handle(() => {
        log.push('handler')
      })

    await expect(handler({}, context())).rejects.toThrow('token expired')
    expect(log).toEqual(['outer:before'])
  })

  it('fails the invocation when a middleware throws after next(), even though the handler succeeded', async () => {
    const log: Log = []
    const handler = lambda(raw())
      .use({
        name: 'audit',
        async handle(_request, next) {
          await next()
          throw new Error('audit log unavailable')
        },
      })
      .handle(() => {
        log.push('handler')
        return 'ok'
      })

    await expect(handler({}, context())).rejects.toThrow('audit log unavailable')
    expect(log).toEqual(['handler'])
  })

  it('lets an outer middleware see an error thrown by an inner middleware', async () => {
    const handler = lambda(raw())
      .use({
        name: 'outer',
        async handle(_request, next) {
          try {
            return await next()
          } catch (error) {
            return `outer saw: ${(error as Error).message}`
          }
        },
      })
      .use({
        name: 'inner',
        handle: () => {
          throw new Error('inner failed')
        },
      })
      .handle(() => 'unreachable')

    await expect(handler({}, context())).resolves.toBe('outer saw: inner failed')
  })

  it('throws NEXT_CALLED_TWICE when a middleware calls next() a second time', async () => {
    let handlerRuns = 0
    const handler = lambda(raw())
      .use({
        name: 'retry-naively',
        async handle(_request, next) {
          await next()
          return next()
        },
      })
      .handle(() => {
        handlerRuns++
        return 'ok'
      })

    const error = await handler({}, context()).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(TsumikiError)
    expect(isTsumikiError(error) && error.code).toBe('NEXT_CALLED_TWICE')
    expect((error as Error).message).toContain('retry-naively')
    expect(handlerRuns).toBe(1)
  })
})

describe('fields added through next()', () => {
  it('are visible to every inner layer and to the handler', async () => {
    const seen: Record<string, unknown> = {}
    const handler = lambda(raw())
      .use<{ tenant: string }>({ name: 'tenant', handle: (_request, next) => next({ tenant: 'acme' }) })
      .use<{ user: { id: string } }>({
        name: 'user',
        handle(request, next) {
          seen.tenantInMiddleware = request.tenant
          return next({ user: { id: `${request.tenant}-user-7` } })
        },
      })
      .handle((request) => {
        seen.tenantInHandler = request.tenant
        seen.userInHandler = request.user
        return null
      })

    await handler({}, context())
    expect(seen).toEqual({
      tenantInMiddleware: 'acme',
      tenantInHandler: 'acme',
      userInHandler: { id: 'acme-user-7' },
    })
  })

  it('are not visible to the layer that added them before it calls next(), nor to outer layers', async () => {
    const seen: unknown[] = []
    const handler = lambda(raw())
      .use({
        name: 'outer',
        handle(request, next) {
          seen.push('flag' in request)
          return next()
        },
      })
      .use<{ flag: true }>({ name: 'flagger', handle: (_request, next) => next({ flag: true }) })
      .handle((request) => request.flag)

    await expect(handler({}, context())).resolves.toBe(true)
    expect(seen).toEqual([false])
  })

  it('replace a field of the same name, with a new type', async () => {
    const event = eventBridgeEvent('Order Placed', '{"orderId":"o-1","quantity":3}')
    const handler = lambda(raw<typeof event>())
      .use<{ body: { orderId: string; quantity: number } }>({
        name: 'parse-json',
        handle: (request, next) => next({ body: JSON.parse(request.event.detail) }),
      })
      .handle((request) => request.body.quantity * 2)

    await expect(handler(event, context())).resolves.toBe(6)
  })

  it('sit beside the fields the adapter set, which keep their value', async () => {
    const handler = lambda(eventBridge<'Order Placed', string>())
      .use<{ input: { body: { orderId: string } } }>({
        name: 'parse-detail',
        handle: (request, next) => next({ input: { body: JSON.parse(request.body) } }),
      })
      .handle((request) => ({ orderId: request.input.body.orderId, detailKeptAsIs: request.detail }))

    const result = await handler(eventBridgeEvent('Order Placed', '{"orderId":"o-9"}'), context())
    expect(result).toEqual({ orderId: 'o-9', detailKeptAsIs: '{"orderId":"o-9"}' })
  })

  it('replace the invocation fields too, e.g. a signal that also aborts on a condition of the middleware', async () => {
    const controller = new AbortController()
    const handler = lambda(raw())
      .use<{ signal: AbortSignal }>({
        name: 'shorter-timeout',
        handle: (request, next) => next({ signal: AbortSignal.any([request.signal, controller.signal]) }),
      })
      .handle((request) => {
        controller.abort(new Error('cancelled by middleware'))
        return request.signal.aborted
      })

    await expect(handler({}, context())).resolves.toBe(true)
  })
})

describe('builders', () => {
  it('are immutable: a base builder reused for two handlers does not leak middlewares between them', async () => {
    const log: Log = []
    const base = lambda(raw()).use(syncLayer('shared', log))
    const first = base.use(syncLayer('only-first', log)).handle(() => 'first')
    const second = base.use(syncLayer('only-second', log)).handle(() => 'second')
    const bare = base.handle(() => 'bare')

    await first({}, context())
    expect(log.splice(0)).toEqual(['shared:before', 'only-first:before', 'only-first:after', 'shared:after'])
    await second({}, context())
    expect(log.splice(0)).toEqual([
      'shared:before',
      'only-second:before',
      'only-second:after',
      'shared:after',
    ])
    await bare({}, context())
    expect(log.splice(0)).toEqual(['shared:before', 'shared:after'])
  })

  it('give every request the invocation fields whatever the source', async () => {
    const ctx = context(10_000)
    const handler = lambda(raw<{ orderId: string }>()).handle(
      (request: InvocationRequest<{ orderId: string }>) => ({
        kind: request.kind,
        event: request.event,
        sameContext: request.context === ctx,
        aborted: request.signal.aborted,
        coldStart: request.coldStart,
        deadlineSet: Number.isFinite(request.deadlineAtMs),
      }),
    )

    await expect(handler({ orderId: 'o-1' }, ctx)).resolves.toEqual({
      kind: 'raw',
      event: { orderId: 'o-1' },
      sameContext: true,
      aborted: false,
      coldStart: true,
      deadlineSet: true,
    })
    await expect(handler({ orderId: 'o-2' }, context())).resolves.toMatchObject({ coldStart: false })
  })
})
