import type { ShipmentRequested } from './shipment.js'

export interface BookShipmentDeps {
  /** The carrier's booking call; it may fail for one message without failing the others. */
  readonly bookWithCarrier: (orderId: string, country: string) => Promise<string>
}

/** The business rule: book a shipment and return the tracking number. */
export async function bookShipment(request: ShipmentRequested, deps: BookShipmentDeps): Promise<string> {
  return deps.bookWithCarrier(request.orderId, request.address.country)
}
