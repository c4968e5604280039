import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { sameApiKey } from '../src/api-key.js'

describe('sameApiKey', () => {
  it('is true for the same key and false for any other, whatever the lengths', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (given, expected) => {
        expect(sameApiKey(given, expected)).toBe(given === expected)
        expect(sameApiKey(expected, expected)).toBe(true)
      }),
    )
  })

  it('tells apart a key that is a prefix of the right one', () => {
    expect(sameApiKey('secret', 'secret-key')).toBe(false)
  })
})
