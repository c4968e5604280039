import { isInvalidOptionError } from '@tsumiki/core'
import { describe, expect, it } from 'vitest'
import { makeIdempotent, memoryStore } from '../../src/index.js'

const expiresAfterMs = 60_000

describe('makeIdempotent() refuses a wrapper whose records cannot be told from another’s', () => {
  it('refuses an anonymous function without scope, where it is made, saying to pass scope', () => {
    const store = memoryStore()
    // The case: capture() and refund(), both inline, keyed on the payment id.
    const make = () =>
      makeIdempotent(async (payment: { id: string }) => ({ captured: payment.id }), {
        store,
        expiresAfterMs,
        key: (payment) => payment.id,
      })
    expect(make).toThrow(expect.objectContaining({ code: 'INVALID_OPTION', option: 'scope' }))
    expect(make).toThrow('pass scope')
  })

  it('with a scope each, two inline functions keyed on one id keep their own records', async () => {
    const store = memoryStore()
    const capture = makeIdempotent(async (payment: { id: string }) => ({ captured: payment.id }), {
      store,
      expiresAfterMs,
      key: (payment) => payment.id,
      scope: 'capture',
    })
    const refund = makeIdempotent(async (payment: { id: string }) => ({ refunded: payment.id }), {
      store,
      expiresAfterMs,
      key: (payment) => payment.id,
      scope: 'refund',
    })
    expect(await capture({ id: 'p-1' })).toEqual({ captured: 'p-1' })
    expect(await refund({ id: 'p-1' })).toEqual({ refunded: 'p-1' })
    expect(store.records()).toHaveLength(2)
  })

  it('refuses a second function under a scope another function’s wrapper uses: given, or from the same name', () => {
    const store = memoryStore()
    makeIdempotent(async (id: string) => `captured ${id}`, { store, expiresAfterMs, scope: 'payments' })
    const sameScope = () =>
      makeIdempotent(async (id: string) => `refunded ${id}`, { store, expiresAfterMs, scope: 'payments' })
    expect(sameScope).toThrow(expect.objectContaining({ code: 'INVALID_OPTION', option: 'scope' }))
    expect(sameScope).toThrow('pass scope')

    const first = { settle: async (id: string) => `settled ${id}` }
    const second = { settle: async (id: string) => `reversed ${id}` }
    makeIdempotent(first.settle, { store, expiresAfterMs })
    let refused: unknown
    try {
      makeIdempotent(second.settle, { store, expiresAfterMs })
    } catch (error) {
      refused = error
    }
    expect(isInvalidOptionError(refused)).toBe(true)
    expect(String(refused)).toContain('"local.settle"')
  })

  it('bound functions read alike, so only the same one shares a scope', () => {
    const store = memoryStore()
    const charge = function charge(this: { account: string }, cents: number) {
      return `${this.account} ${cents}`
    }
    const forAna = charge.bind({ account: 'ana' })
    makeIdempotent(forAna, { store, expiresAfterMs, key: String })
    expect(() => makeIdempotent(forAna, { store, expiresAfterMs, key: String })).not.toThrow()
    expect(() =>
      makeIdempotent(charge.bind({ account: 'bob' }), { store, expiresAfterMs, key: String }),
    ).toThrow(expect.objectContaining({ option: 'scope' }))
  })
})

describe('makeIdempotent() lets the same function be wrapped again', () => {
  it('a second wrapper of the same function (a test making its own) shares its records', async () => {
    const store = memoryStore()
    let runs = 0
    async function ship(orderId: string) {
      runs++
      return `shipped ${orderId}`
    }
    const once = makeIdempotent(ship, { store, expiresAfterMs })
    const again = makeIdempotent(ship, { store, expiresAfterMs })
    expect(await once('o-1')).toBe('shipped o-1')
    expect(await again('o-1')).toBe('shipped o-1')
    expect(runs).toBe(1)
  })

  it('the same source made again (a hot reload, a wrapper made per call) is the same function', async () => {
    const store = memoryStore()
    // What a module evaluated again gives: a new function object with the same source and name.
    const load = () => {
      const label = async (orderId: string) => `label for ${orderId}`
      return makeIdempotent(label, { store, expiresAfterMs })
    }
    const before = load()
    const reloaded = load()
    expect(await before('o-1')).toBe('label for o-1')
    expect(await reloaded('o-1')).toBe('label for o-1')
    const perCall = (orderId: string) =>
      makeIdempotent(async (id: string) => `picked ${id}`, { store, expiresAfterMs, scope: 'pick' })(orderId)
    expect(await perCall('o-2')).toBe('picked o-2')
    expect(await perCall('o-2')).toBe('picked o-2')
  })
})
