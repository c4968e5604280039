import { describe, expect, it } from 'vitest'
import { standInCarrier } from '../src/carrier.js'
import { UndeliverableAddressError } from '../src/core.js'

describe('the stand-in carrier', () => {
  it('answers a tracking number made from the order id', async () => {
    await expect(standInCarrier.book('o-1', { country: 'JP', postcode: '100-0001' })).resolves.toBe(
      'TRACK-o-1',
    )
  })

  it('refuses Antarctica with UndeliverableAddressError', async () => {
    await expect(standInCarrier.book('o-1', { country: 'AQ', postcode: '1' })).rejects.toBeInstanceOf(
      UndeliverableAddressError,
    )
  })
})
