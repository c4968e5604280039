import { describe, expect, it } from 'vitest'
import { bookShipment } from '../src/book-shipment.js'

describe('bookShipment (the logic, without AWS)', () => {
  it('books with the carrier for the address country and returns its tracking number', async () => {
    const calls: Array<[string, string]> = []
    const tracking = await bookShipment(
      { orderId: 'o-9', address: { country: 'JP', postcode: '100-0001' } },
      {
        bookWithCarrier: async (orderId, country) => {
          calls.push([orderId, country])
          return 'T-1'
        },
      },
    )
    expect(tracking).toBe('T-1')
    expect(calls).toEqual([['o-9', 'JP']])
  })

  it('lets a carrier failure through, so the message is reported and comes back', async () => {
    const refused = new Error('no carrier')
    await expect(
      bookShipment(
        { orderId: 'o-9', address: { country: 'AQ', postcode: '1' } },
        { bookWithCarrier: () => Promise.reject(refused) },
      ),
    ).rejects.toBe(refused)
  })
})
