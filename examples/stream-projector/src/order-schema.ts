// zod/mini, imported as a namespace the bundler can shake: the same checks at a fraction of classic zod's size.
import { en } from 'zod/locales'
import * as z from 'zod/mini'

// zod/mini carries no messages of its own ("Invalid input" for everything): load the English ones.
z.config(en())

/** An orders table item (the core's `Order`). An image that does not match is a poison record. */
export const Order = z.object({
  orderId: z.string().check(z.minLength(1)),
  customerId: z.string().check(z.minLength(1)),
  status: z.enum(['open', 'paid', 'cancelled']),
  totalCents: z.int().check(z.nonnegative()),
})

/** The orders table's key. */
export const OrderKeys = z.object({ orderId: z.string().check(z.minLength(1)) })
