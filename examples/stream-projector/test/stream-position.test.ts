import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { streamPosition } from '../src/stream-position.js'

describe('streamPosition', () => {
  it('pads a sequence number to 40 digits', () => {
    expect(streamPosition('4100000000000012345678')).toBe('0000000000000000004100000000000012345678')
  })

  it('orders positions as text as their sequence numbers order as numbers', () => {
    const sequenceNumber = fc.bigInt({ min: 0n, max: 10n ** 40n - 1n }).map(String)
    fc.assert(
      fc.property(sequenceNumber, sequenceNumber, (a, b) => {
        const asText = streamPosition(a) < streamPosition(b)
        expect(asText).toBe(BigInt(a) < BigInt(b))
      }),
    )
  })

  it('refuses what is not a sequence number', () => {
    expect(() => streamPosition('12a')).toThrow(RangeError)
    expect(() => streamPosition('1'.repeat(41))).toThrow('1 to 40 digits')
  })
})
