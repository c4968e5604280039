import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { describe, expect, it } from 'vitest'
import { idempotent, makeIdempotent, memoryStore } from '../src/index.js'
import { LocalCache } from '../src/storage/local-cache.js'

const store = memoryStore()

describe('options', () => {
  it.each([
    [{ store, expiresAfterMs: 0 }, 'expiresAfterMs', 'a positive number of milliseconds'],
    [{ store, expiresAfterMs: Number.NaN }, 'expiresAfterMs', 'a positive number of milliseconds'],
    [{ store }, 'expiresAfterMs', 'got undefined'],
    [{ expiresAfterMs: 1 }, 'table', 'a table name, or a store'],
    [{ table: 't', store, expiresAfterMs: 1 }, 'table', 'a table name, or a store'],
    [{ table: '', expiresAfterMs: 1 }, 'table', 'a non-empty string or a function'],
    [{ store, expiresAfterMs: 1, expiresAfter: 1 }, 'expiresAfter', 'one of'],
    [{ store, expiresAfterMs: 1, inProgressExpiryMs: -1 }, 'inProgressExpiryMs', 'positive'],
    [
      { store, expiresAfterMs: 1, localCache: { maxEntries: 0 } },
      'localCache.maxEntries',
      'a whole number, 1 or more',
    ],
    [
      { store, expiresAfterMs: 1, localCache: { maxItems: 1 } },
      'maxItems',
      'one of the known options (maxEntries, maxBytes)',
    ],
    [{ store, expiresAfterMs: 1, key: 'id' }, 'key', 'a function'],
    [{ store, expiresAfterMs: 1, payload: true }, 'payload', 'false or a function'],
    [{ store, expiresAfterMs: 1, caller: true }, 'caller', 'false or a function'],
    [{ store, expiresAfterMs: 1, caller: 'sub' }, 'caller', 'false or a function'],
  ])('idempotent(%o) is refused naming %s', (options, option, expected) => {
    const build = () => idempotent(options as never)
    expect(build).toThrow(expect.objectContaining({ code: 'INVALID_OPTION' }))
    expect(build).toThrow(option)
    expect(build).toThrow(expected)
  })

  it('makeIdempotent() checks its options the same way', () => {
    expect(() => makeIdempotent((n: number) => n, { store, expiresAfterMs: -5 })).toThrow(
      "makeIdempotent(): option 'expiresAfterMs' must be a positive number of milliseconds, got -5",
    )
  })
})

describe('cold start', () => {
  it('the DynamoDB store loads the SDK in init(); the memory store has nothing to warm', async () => {
    const client = new DynamoDBClient({ region: 'us-east-1' })
    const onDynamo = idempotent({ table: 'idempotency', client, expiresAfterMs: 1 })
    expect(onDynamo.init).toBeTypeOf('function')
    await expect(Promise.resolve(onDynamo.init?.())).resolves.toBeUndefined()
    expect(idempotent({ store, expiresAfterMs: 1 }).init).toBeUndefined()
    client.destroy()
  })
})

describe('the local cache', () => {
  const entry = (result: string, expiresAtMs = Number.POSITIVE_INFINITY) => ({
    expiresAtMs,
    payloadHash: undefined,
    result,
  })

  it('keeps at most maxEntries, evicting the least recently used', () => {
    const cache = new LocalCache(2, 1_000_000)
    cache.set('a', entry('1'))
    cache.set('b', entry('2'))
    expect(cache.get('a', 0)?.result).toBe('1') // a is now the most recent
    cache.set('c', entry('3'))
    expect(cache.get('b', 0)).toBeUndefined()
    expect(cache.get('a', 0)?.result).toBe('1')
    expect(cache.get('c', 0)?.result).toBe('3')
    expect(cache.size).toBe(2)
  })

  it('keeps at most maxBytes, and never an entry larger than that', () => {
    const cache = new LocalCache(100, 400)
    cache.set('a', entry('x'.repeat(100)))
    cache.set('b', entry('y'.repeat(100)))
    expect(cache.bytes).toBeLessThanOrEqual(400)
    expect(cache.get('a', 0)).toBeUndefined()
    expect(cache.get('b', 0)?.result).toBe('y'.repeat(100))
    cache.set('huge', entry('z'.repeat(1000)))
    expect(cache.get('huge', 0)).toBeUndefined()
    expect(cache.get('b', 0)?.result).toBe('y'.repeat(100))
  })

  it('forgets an expired entry', () => {
    const cache = new LocalCache(10, 10_000)
    cache.set('a', entry('1', 100))
    expect(cache.get('a', 100)?.result).toBe('1')
    expect(cache.get('a', 101)).toBeUndefined()
    expect(cache.size).toBe(0)
    expect(cache.bytes).toBe(0)
  })
})
