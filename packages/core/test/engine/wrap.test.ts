import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda'
import { describe, expect, it, vi } from 'vitest'
import { type Middleware, type RawRequest, wrap } from '../../src/index.js'
import { apiGatewayV1Event, context, flushMicrotasks } from '../support/index.js'

function layer(name: string, log: string[]): Middleware {
  return {
    name,
    async handle(_request, next) {
      log.push(`${name}:before`)
      const result = await next()
      log.push(`${name}:after`)
      return result
    },
  }
}

describe('wrap()', () => {
  it('gives the existing handler the event and context unchanged, and returns its result', async () => {
    const legacy = vi.fn(
      async (event: APIGatewayProxyEvent, _context: Context): Promise<APIGatewayProxyResult> => ({
        statusCode: 200,
        body: JSON.stringify({ path: event.path }),
      }),
    )
    const handler = wrap(legacy)
    const event = apiGatewayV1Event({ path: '/legacy' })
    const ctx = context()

    await expect(handler(event, ctx)).resolves.toEqual({ statusCode: 200, body: '{"path":"/legacy"}' })
    expect(legacy).toHaveBeenCalledTimes(1)
    expect(legacy.mock.calls[0]?.[0]).toBe(event)
    expect(legacy.mock.calls[0]?.[1]).toBe(ctx)
  })

  it('wraps a synchronous handler too, answering with a promise', async () => {
    const handler = wrap((event: { a: number; b: number }) => event.a + event.b)
    await expect(handler({ a: 2, b: 3 }, context())).resolves.toBe(5)
  })

  it('runs the middlewares around the existing handler, in use() order', async () => {
    const log: string[] = []
    const handler = wrap(async () => {
      log.push('legacy')
      return 'ok'
    })
      .use(layer('first', log))
      .use(layer('second', log))

    await expect(handler({}, context())).resolves.toBe('ok')
    expect(log).toEqual(['first:before', 'second:before', 'legacy', 'second:after', 'first:after'])
  })

  it('lets middlewares read the raw event and context', async () => {
    const seen: Array<RawRequest<{ orderId: string }>> = []
    const handler = wrap((event: { orderId: string }) => event.orderId).use({
      name: 'spy',
      handle(request, next) {
        seen.push(request)
        return next()
      },
    })
    const ctx = context()
    await handler({ orderId: 'ord-5' }, ctx)
    expect(seen[0]?.kind).toBe('raw')
    expect(seen[0]?.event).toEqual({ orderId: 'ord-5' })
    expect(seen[0]?.context).toBe(ctx)
  })

  it('lets a middleware short-circuit or replace the existing handler result', async () => {
    const legacy = vi.fn(() => 'legacy result')
    const handler = wrap(legacy).use({ name: 'maintenance', handle: () => 'down for maintenance' })
    await expect(handler({}, context())).resolves.toBe('down for maintenance')
    expect(legacy).not.toHaveBeenCalled()
  })

  it('lets a middleware catch what the existing handler throws', async () => {
    const handler = wrap(async () => {
      throw new Error('legacy bug')
    }).use({
      name: 'safety-net',
      async handle(_request, next) {
        try {
          return await next()
        } catch (error) {
          return `caught: ${(error as Error).message}`
        }
      },
    })
    await expect(handler({}, context())).resolves.toBe('caught: legacy bug')
  })

  it('returns a new handler from use(): the original keeps its own chain', async () => {
    const log: string[] = []
    const original = wrap(() => 'ok')
    const withLogging = original.use(layer('logging', log))

    await original({}, context())
    expect(log).toEqual([])
    await withLogging({}, context())
    expect(log).toEqual(['logging:before', 'logging:after'])
  })

  it('runs middleware inits once, at build time, and the first invocation awaits them', async () => {
    let ready = false
    const init = vi.fn(async () => {
      await flushMicrotasks()
      ready = true
    })
    const handler = wrap(() => 'ok').use({
      name: 'client',
      init,
      handle: (_request, next) => (ready ? next() : 'not ready'),
    })

    await expect(handler({}, context())).resolves.toBe('ok')
    await expect(handler({}, context())).resolves.toBe('ok')
    expect(init).toHaveBeenCalledTimes(1)
  })
})
