import { describe, expect, it } from 'vitest'
import { lambda, type Middleware, raw } from '../../src/index.js'
import { context } from '../support/index.js'

const traceKey = Symbol('trace')
const hiddenKey = Symbol('hidden')

/** A middleware that hands `added` to next() as it is, whatever its type. */
function adds(added: object): Middleware {
  return { name: 'adds', handle: (_request, next) => (next as (added?: object) => unknown)(added) }
}

function requestSeenBy(...layers: Middleware[]): Promise<Record<PropertyKey, unknown>> {
  let builder = lambda(raw()) as unknown as {
    use(layer: Middleware): typeof builder
    handle(fn: (request: object) => unknown): (event: unknown, context: unknown) => Promise<unknown>
  }
  for (const layer of layers) builder = builder.use(layer)
  return builder.handle((request) => request)({}, context()) as Promise<Record<PropertyKey, unknown>>
}

describe('fields added through next(), by kind of key', () => {
  it('adds enumerable symbol keys as well as string keys', async () => {
    const request = await requestSeenBy(adds({ tenant: 'acme', [traceKey]: 't-1' }))
    expect(request.tenant).toBe('acme')
    expect(request[traceKey]).toBe('t-1')
  })

  it('leaves out non-enumerable symbols and inherited fields, as Object.assign does', async () => {
    const added = Object.create({ inherited: 'from prototype' }) as Record<PropertyKey, unknown>
    added.own = 1
    Object.defineProperty(added, hiddenKey, { value: 'secret', enumerable: false })
    Object.defineProperty(added, 'hiddenName', { value: 'secret', enumerable: false })
    const request = await requestSeenBy(adds(added))
    expect(request.own).toBe(1)
    expect(hiddenKey in request).toBe(false)
    expect('hiddenName' in request).toBe(false)
    expect('inherited' in request).toBe(false)
  })

  it('replaces a field the request reads through a getter on its prototype, and keeps it writable', async () => {
    const signal = new AbortController().signal
    const request = await requestSeenBy(adds({ signal }), {
      name: 'rewrites',
      handle: (request, next) => {
        ;(request as { signal: unknown }).signal = 'rewritten'
        return next()
      },
    })
    expect(request.signal).toBe('rewritten')
    const descriptor = Object.getOwnPropertyDescriptor(request, 'signal')
    expect(descriptor).toMatchObject({ enumerable: true, configurable: true, writable: true })
  })

  it('passes the same request on when next() is called with no fields or an empty object', async () => {
    const seen: object[] = []
    const remember: Middleware = {
      name: 'remember',
      handle: (request, next) => {
        seen.push(request)
        return next()
      },
    }
    const request = await requestSeenBy(remember, adds({}), remember)
    expect(seen[0]).toBe(seen[1])
    expect(seen[1]).toBe(request)
  })
})

describe('fields other than `input`', () => {
  it('are replaced, never merged, even when both values are objects', async () => {
    const request = await requestSeenBy(
      adds({ user: { id: 'u-1', role: 'admin' } }),
      adds({ user: { id: 'u-2' } }),
    )
    expect(request.user).toEqual({ id: 'u-2' })
  })

  it('leave an established `input` as it is', async () => {
    const request = await requestSeenBy(adds({ input: { body: 1 } }), adds({ user: { id: 'u-1' } }))
    expect(request.input).toEqual({ body: 1 })
    expect(request.user).toEqual({ id: 'u-1' })
  })
})

describe('`input`, which validators share', () => {
  it('merges the parts of every validator, the inner one winning a part both set', async () => {
    const request = await requestSeenBy(
      adds({ input: { body: 'outer', query: 'outer' } }),
      adds({ input: { query: 'inner', pathParams: 'inner' } }),
    )
    expect(request.input).toEqual({ body: 'outer', query: 'inner', pathParams: 'inner' })
  })

  it('does not change the object an outer validator established', async () => {
    const established = { body: 'outer' }
    const request = await requestSeenBy(adds({ input: established }), adds({ input: { query: 'inner' } }))
    expect(established).toEqual({ body: 'outer' })
    expect(request.input).not.toBe(established)
  })

  it.each([
    ['no input yet', undefined, { query: 1 }, { query: 1 }],
    ['an input that is null', null, { query: 1 }, { query: 1 }],
    ['an input that is an empty object', {}, { query: 1 }, { query: 1 }],
    ['an input that is not an object', 'text', { query: 1 }, { query: 1 }],
    ['a new input that is null', { body: 1 }, null, null],
    ['a new input that is not an object', { body: 1 }, 'text', 'text'],
  ])('replaces rather than merges with %s', async (_case, first, second, expected) => {
    const layers =
      first === undefined ? [adds({ input: second })] : [adds({ input: first }), adds({ input: second })]
    const request = await requestSeenBy(...layers)
    expect(request.input).toEqual(expected)
  })

  it('is the very object the validator gave when there was none to merge with, or it was null', async () => {
    const given = { query: 1 }
    expect((await requestSeenBy(adds({ input: given }))).input).toBe(given)
    expect((await requestSeenBy(adds({ input: null }), adds({ input: given }))).input).toBe(given)
  })
})

describe('middleware objects', () => {
  it('are called with themselves as `this`, so a middleware class can use its own fields', async () => {
    class Tagger implements Middleware {
      readonly name = 'tagger'
      readonly tag = 'v2'
      handle(_request: object, next: (added?: object) => unknown): unknown {
        return next({ tag: this.tag })
      }
    }
    const request = await requestSeenBy(new Tagger() as unknown as Middleware)
    expect(request.tag).toBe('v2')
  })

  it('name the middleware in the error when one calls next() twice, whatever its position', async () => {
    const twice: Middleware = {
      name: 'calls-twice',
      handle: (_request, next) => {
        next()
        return next()
      },
    }
    const outcome = requestSeenBy(adds({ a: 1 }), twice, adds({ b: 2 }))
    await expect(outcome).rejects.toMatchObject({
      code: 'NEXT_CALLED_TWICE',
      message: 'Middleware "calls-twice" called next() more than once',
    })
  })
})
