import type { ShipmentRequest } from './shipment-request.js'

/** A booked shipment, as stored: one per order. */
export interface Shipment {
  readonly orderId: string
  readonly trackingNumber: string
  readonly country: string
  readonly postcode: string
  readonly bookedAtMs: number
}

/** The carrier's booking API: answers a tracking number. */
export interface Carrier {
  book(orderId: string, address: ShipmentRequest['address']): Promise<string>
}

/** Where booked shipments are kept, one per order. */
export interface ShipmentStore {
  find(orderId: string): Promise<Shipment | undefined>
  /**
   * Stores the shipment unless its order already has one, and answers the one that is stored: the given one, or
   * the one another message of the same order stored first.
   */
  saveFirst(shipment: Shipment): Promise<Shipment>
}

export interface BookShipmentDeps {
  readonly carrier: Carrier
  readonly shipments: ShipmentStore
  readonly nowMs: () => number
}

/**
 * The carrier will never deliver to this address. Retrying cannot help: the handler classifies it as permanent,
 * so the message is parked on the dead-letter queue instead of coming back.
 */
export class UndeliverableAddressError extends Error {
  override readonly name = 'UndeliverableAddressError'
  readonly code = 'UNDELIVERABLE_ADDRESS'
  constructor(readonly country: string) {
    super(`No carrier delivers to country ${country}`)
  }
}

/** Recognised by its code rather than `instanceof`, so a second copy of this module (a bundle, a test) agrees. */
export function isUndeliverableAddressError(error: unknown): error is UndeliverableAddressError {
  return error instanceof Error && (error as { readonly code?: unknown }).code === 'UNDELIVERABLE_ADDRESS'
}

/**
 * Books one order's shipment once. An order already booked (the same order sent in a second message) answers its
 * stored shipment without calling the carrier; the message id's own deduplication is the handler's job.
 */
export async function bookShipment(request: ShipmentRequest, deps: BookShipmentDeps): Promise<Shipment> {
  const booked = await deps.shipments.find(request.orderId)
  if (booked !== undefined) return booked
  const trackingNumber = await deps.carrier.book(request.orderId, request.address)
  return deps.shipments.saveFirst({
    orderId: request.orderId,
    trackingNumber,
    country: request.address.country,
    postcode: request.address.postcode,
    bookedAtMs: deps.nowMs(),
  })
}
