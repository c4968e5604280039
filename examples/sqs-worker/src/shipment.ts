import { z } from 'zod'

/** A message on the shipments queue: one order to ship. */
export const ShipmentRequested = z.object({
  orderId: z.string().min(1),
  address: z.object({ country: z.string().length(2), postcode: z.string().min(1) }),
})
export type ShipmentRequested = z.output<typeof ShipmentRequested>
