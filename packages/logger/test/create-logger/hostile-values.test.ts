import { runInNewContext } from 'node:vm'
import { maxLogArrayItems, maxLogDepth } from '@tsumiki/core'
import { describe, expect, it } from 'vitest'
import { createLogger } from '../../src/index.js'
import { capture } from '../support/capture.js'

/** Logs `fields` and returns the line, parsed: the test fails if the call throws or the line is not JSON. */
function logged(fields: Record<string, unknown>) {
  const out = capture()
  expect(() => createLogger({ write: out.write }).info('value', fields)).not.toThrow()
  expect(out.raw).toHaveLength(1)
  return out.lines[0] as Record<string, unknown>
}

describe('values JSON.stringify throws on', () => {
  it('writes a cycle as [Circular] and a shared object twice', () => {
    const order: Record<string, unknown> = { id: 'o-1' }
    order.self = order
    const shared = { sku: 'a' }
    expect(logged({ order, pair: [shared, shared] })).toMatchObject({
      order: { id: 'o-1', self: '[Circular]' },
      pair: [{ sku: 'a' }, { sku: 'a' }],
    })
  })

  it('writes a BigInt as a string of all its digits', () => {
    expect(logged({ id: 2n ** 70n, list: [1n] })).toMatchObject({
      id: '1180591620717411303424',
      list: ['1'],
    })
  })

  it('writes what a throwing getter threw, and the other fields', () => {
    const user = {
      name: 'Ada',
      get email(): string {
        throw new Error('lazy field not loaded')
      },
    }
    expect(logged({ user })).toMatchObject({
      user: { name: 'Ada', email: '[Thrown: Error: lazy field not loaded]' },
    })
  })

  it('survives a throwing toJSON and a Proxy whose traps throw', () => {
    const badJson = {
      toJSON() {
        throw new Error('no JSON for you')
      },
    }
    const trap = () => {
      throw new Error('trap')
    }
    const proxy = new Proxy({}, { ownKeys: trap, get: trap, getPrototypeOf: trap })
    expect(logged({ badJson, proxy, after: 1 })).toMatchObject({
      badJson: '[Unserializable: Error: no JSON for you]',
      proxy: '[Unserializable: Error: trap]',
      after: 1,
    })
  })
})

describe('values JSON.stringify loses', () => {
  it('writes a Map as an object and a Set as an array', () => {
    const map = new Map<unknown, unknown>([
      ['a', 1],
      [2, 'two'],
      [{ k: 1 }, true],
    ])
    expect(logged({ map, set: new Set(['x', 'y']) })).toMatchObject({
      map: { a: 1, '2': 'two', '{"k":1}': true },
      set: ['x', 'y'],
    })
  })

  it('writes bytes as their size, not as a list of numbers', () => {
    expect(
      logged({ buffer: Buffer.from('hello'), view: new Uint16Array(4), raw: new ArrayBuffer(3) }),
    ).toMatchObject({
      buffer: '[Buffer: 5 bytes]',
      view: '[Uint16Array: 8 bytes]',
      raw: '[ArrayBuffer: 3 bytes]',
    })
  })

  it('writes class instances as their own fields, dates and regexps as text', () => {
    class Money {
      readonly cents = 4200
      readonly currency = 'EUR'
      format(): string {
        return '42.00 EUR'
      }
    }
    expect(
      logged({ price: new Money(), at: new Date(0), bad: new Date(Number.NaN), pattern: /ab+c/gi }),
    ).toMatchObject({
      price: { cents: 4200, currency: 'EUR' },
      at: '1970-01-01T00:00:00.000Z',
      bad: null,
      pattern: '/ab+c/gi',
    })
  })

  it('writes an error found anywhere in the fields with its message and stack', () => {
    expect(logged({ result: { failures: [new TypeError('bad sku')] } })).toMatchObject({
      result: { failures: [{ name: 'TypeError', message: 'bad sku', stack: expect.any(String) }] },
    })
  })

  it('writes what JSON writes for numbers, undefined, functions and symbols', () => {
    const line = logged({
      nan: Number.NaN,
      inf: Number.POSITIVE_INFINITY,
      gone: undefined,
      fn: () => 1,
      sym: Symbol('s'),
      list: [undefined, () => 1],
      negativeZero: -0,
    })
    expect(line).toMatchObject({ nan: null, inf: null, list: [null, null], negativeZero: 0 })
    expect(line).not.toHaveProperty('gone')
    expect(line).not.toHaveProperty('fn')
    expect(line).not.toHaveProperty('sym')
  })
})

describe('limits', () => {
  it('cuts nesting deeper than the limit', () => {
    let deep: Record<string, unknown> = { end: true }
    for (let level = 0; level < maxLogDepth + 5; level++) deep = { deep }
    const line = JSON.stringify(logged({ deep }))
    expect(line).toContain('[Too deep]')
    expect(line).not.toContain('"end"')
  })

  it('cuts a huge sparse array instead of walking it', () => {
    const line = logged({ sparse: new Array(1e9) })
    const sparse = line.sparse as unknown[]
    expect(sparse).toHaveLength(maxLogArrayItems + 1)
    expect(sparse.at(-1)).toBe(`[${1e9 - maxLogArrayItems} more items]`)
  })
})

describe('errors', () => {
  it('writes an AggregateError with its members and a cause chain to its end', () => {
    const root = new Error('connection reset')
    const middle = new Error('query failed', { cause: root })
    const aggregate = new AggregateError([middle, new RangeError('bad id')], '2 records failed')
    const out = capture()
    createLogger({ write: out.write }).error('batch failed', aggregate)
    expect(out.lines[0]).toMatchObject({
      error: {
        name: 'AggregateError',
        message: '2 records failed',
        errors: [
          { name: 'Error', message: 'query failed', cause: { message: 'connection reset' } },
          { name: 'RangeError', message: 'bad id' },
        ],
      },
    })
  })

  it('stops a cause cycle', () => {
    const first = new Error('first')
    const second = new Error('second', { cause: first })
    Object.defineProperty(first, 'cause', { value: second })
    const out = capture()
    createLogger({ write: out.write }).error('loop', first)
    expect(out.lines[0]).toMatchObject({
      error: { message: 'first', cause: { message: 'second', cause: '[Circular]' } },
    })
  })

  it('recognises an error from another realm', () => {
    const foreign = runInNewContext('new TypeError("from a vm context")') as unknown
    expect(foreign instanceof Error).toBe(false)
    const out = capture()
    createLogger({ write: out.write }).error('vm', foreign)
    expect(out.lines[0]).toMatchObject({ error: { name: 'TypeError', message: 'from a vm context' } })
  })

  it('survives an error whose name, message and stack getters throw', () => {
    const error = new Error('hidden')
    for (const key of ['stack', 'message', 'name']) {
      Object.defineProperty(error, key, {
        get() {
          throw new Error(`no ${key}`)
        },
      })
    }
    const out = capture()
    createLogger({ write: out.write }).error('hostile error', error)
    expect(out.lines[0]).toMatchObject({
      error: {
        name: '[Thrown: Error: no name]',
        message: '[Thrown: Error: no message]',
        stack: '[Thrown: Error: no stack]',
      },
    })
  })
})

describe('keys named like Object.prototype members', () => {
  // JSON.parse makes `__proto__` an own key, as a parsed request body or message does.
  const hostile = () =>
    JSON.parse('{"__proto__":{"tenant":"acme"},"constructor":"c"}') as Record<string, unknown>

  it('keeps them as keys in child() and appendKeys(), without touching any prototype', () => {
    const out = capture()
    const log = createLogger({ write: out.write })
    log.child(hostile()).info('child')
    log.appendKeys(hostile())
    log.info('appended')
    for (const line of out.raw) {
      expect(JSON.parse(line)).toEqual(
        expect.objectContaining(JSON.parse('{"__proto__":{"tenant":"acme"},"constructor":"c"}')),
      )
      expect(line).toContain('"__proto__":{"tenant":"acme"}')
    }
    expect(({} as { tenant?: unknown }).tenant).toBeUndefined()
  })

  it("keeps an error's own field named __proto__", () => {
    const error = Object.assign(new Error('bad'), hostile())
    Object.defineProperty(error, '__proto__', { value: 'own', enumerable: true })
    const out = capture()
    createLogger({ write: out.write }).error('failed', error)
    expect(out.raw[0]).toContain('"__proto__":"own"')
    expect(out.raw[0]).toContain('"constructor":"c"')
  })
})

describe('cycles through Map keys', () => {
  it('writes a Map whose key is the Map itself, or refers back to it, as [Circular]', () => {
    const map = new Map<unknown, unknown>()
    map.set(map, 'self')
    map.set({ owner: map }, 'nested')
    map.set('plain', 1)
    const line = logged({ map })
    expect(line.map).toEqual({ '[Circular]': 'self', '{"owner":"[Circular]"}': 'nested', plain: 1 })
  })

  it('writes a Map key that is a Map holding the first one as [Circular] too', () => {
    const outer = new Map<unknown, unknown>()
    const inner = new Map<unknown, unknown>([[outer, 'back']])
    outer.set(inner, 'forth')
    expect(JSON.stringify(logged({ outer }).outer)).toContain('[Circular]')
  })
})

describe('a log call never throws', () => {
  const revoked = () => {
    const { proxy, revoke } = Proxy.revocable({}, {})
    revoke()
    return proxy
  }
  const trap = () => {
    throw new Error('trap')
  }
  const throwingProxy = () =>
    new Proxy(
      {},
      { get: trap, ownKeys: trap, getPrototypeOf: trap, has: trap, getOwnPropertyDescriptor: trap },
    )

  it.each([
    ['a revoked Proxy', revoked],
    ['a Proxy whose traps throw', throwingProxy],
  ])('given %s as fields, message, error, keys or context, and still writes a line', (_name, make) => {
    const out = capture()
    const log = createLogger({ write: out.write })
    const calls: Array<() => unknown> = [
      () => log.info('as fields', make()),
      () => log.warn('as fields', make()),
      () => log.info(make() as unknown as string),
      () => log.error('as error', make()),
      () => log.error('as fields', undefined, make()),
      () => log.fatal(make() as unknown as string, make(), make()),
      () => log.info('nested', { inner: make(), list: [make()] }),
      () => log.child(make()).info('child of it'),
      () => log.appendKeys(make()),
      () => log.forInvocation(make() as never, make() as never).info('invocation of it'),
    ]
    for (const [index, call] of calls.entries()) expect(call, `call ${index}`).not.toThrow()
    expect(out.lines.length).toBeGreaterThanOrEqual(calls.length - 1)
    for (const line of out.lines) expect(typeof line.message).toBe('string')
  })
})
