import { type Carrier, UndeliverableAddressError } from './core.js'

/**
 * Stands in for a carrier's API so the example runs anywhere: it answers a tracking number made from the order id,
 * and refuses Antarctica (`AQ`), to show a permanent business failure beside a bad message.
 */
export const standInCarrier: Carrier = {
  async book(orderId, address) {
    if (address.country === 'AQ') throw new UndeliverableAddressError(address.country)
    return `TRACK-${orderId}`
  },
}
