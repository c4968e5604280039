// zod/mini, imported as a namespace the bundler can shake: the same checks at a fraction of classic zod's size.
import { en } from 'zod/locales'
import * as z from 'zod/mini'

// zod/mini carries no messages of its own ("Invalid input" for everything): load the English ones.
z.config(en())

/** A message on the shipments queue: one order to ship. A body that does not match is a poison message. */
export const ShipmentRequest = z.object({
  orderId: z.string().check(z.minLength(1)),
  address: z.object({
    country: z.string().check(z.length(2)),
    postcode: z.string().check(z.minLength(1)),
  }),
})
export type ShipmentRequest = z.output<typeof ShipmentRequest>
