import fc from 'fast-check'
import { describe, expect, expectTypeOf, it } from 'vitest'
import {
  isInvalidOptionError,
  isMissingSettingError,
  isTsumikiError,
  MissingSettingError,
  settingsFrom,
} from '../../src/index.js'

const names = { ordersTable: 'ORDERS_TABLE', idempotencyTable: 'IDEMPOTENCY_TABLE' } as const

function thrownBy(read: () => unknown): unknown {
  try {
    read()
  } catch (error) {
    return error
  }
  throw new Error('nothing was thrown')
}

describe('settingsFrom()', () => {
  it('reads each setting from its variable, trimmed, typed by the names given', () => {
    const settings = settingsFrom(names, {
      ORDERS_TABLE: ' orders ',
      IDEMPOTENCY_TABLE: 'idempotency',
      OTHER: 'x',
    })
    expect(settings).toEqual({ ordersTable: 'orders', idempotencyTable: 'idempotency' })
    expectTypeOf(settings).toEqualTypeOf<{
      readonly ordersTable: string
      readonly idempotencyTable: string
    }>()
  })

  it('names every missing or blank variable at once, in the order given, and has no default', () => {
    const error = thrownBy(() => settingsFrom(names, { ORDERS_TABLE: ' \t' }))
    expect(error).toBeInstanceOf(MissingSettingError)
    expect(isMissingSettingError(error)).toBe(true)
    expect(isTsumikiError(error)).toBe(true)
    expect(error).toMatchObject({
      code: 'MISSING_SETTING',
      message: 'Missing environment variables: ORDERS_TABLE, IDEMPOTENCY_TABLE',
      variables: ['ORDERS_TABLE', 'IDEMPOTENCY_TABLE'],
    })
    expect(thrownBy(() => settingsFrom(names, { ORDERS_TABLE: 'orders' }))).toMatchObject({
      message: 'Missing environment variable: IDEMPOTENCY_TABLE',
    })
  })

  it('keeps a setting named __proto__ an own field, not the prototype', () => {
    const settings: Record<string, string> = settingsFrom(
      JSON.parse('{"__proto__":"PROTO"}') as Record<string, string>,
      { PROTO: 'value' },
    )
    expect(Object.hasOwn(settings, '__proto__')).toBe(true)
    expect(Object.getPrototypeOf(settings)).toBe(Object.prototype)
  })

  it('refuses names that are not variable names, as a programmer error', () => {
    for (const bad of [
      undefined,
      'ORDERS_TABLE',
      ['ORDERS_TABLE'],
      { ordersTable: '' },
      { ordersTable: 1 },
    ]) {
      const error = thrownBy(() => settingsFrom(bad as never, {}))
      expect(isInvalidOptionError(error), String(bad)).toBe(true)
      expect(error).toMatchObject({ message: expect.stringContaining('settingsFrom()') })
    }
  })

  it('answers any environment with every setting present or one error naming the missing ones', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.option(fc.string(), { nil: undefined })), (env) => {
        const error = (() => {
          try {
            const settings = settingsFrom(names, env)
            expect(settings.ordersTable).toBe(env.ORDERS_TABLE?.trim())
            expect(settings.ordersTable).not.toBe('')
            return undefined
          } catch (caught) {
            return caught
          }
        })()
        const missing = Object.values(names).filter((name) => (env[name] ?? '').trim() === '')
        if (missing.length === 0) expect(error).toBeUndefined()
        else expect(error).toMatchObject({ variables: missing })
      }),
    )
  })
})
