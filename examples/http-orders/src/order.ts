import * as z from 'zod'

/** What a client sends to place an order. The schema is built once, at module load. */
export const OrderInput = z.object({
  customerId: z.string().min(1),
  items: z
    .array(z.object({ sku: z.string().min(1), qty: z.number().int().min(1).max(100) }))
    .min(1)
    .max(50),
  note: z.string().max(500).optional(),
})
export type OrderInput = z.output<typeof OrderInput>

/** How an order is shipped: `express` while the `express-delivery` feature flag is on for its customer. */
export type Delivery = 'express' | 'standard'

export interface Order {
  readonly id: string
  readonly customerId: string
  readonly items: OrderInput['items']
  readonly totalQty: number
  readonly note: string | undefined
  readonly createdAtMs: number
  readonly delivery: Delivery
}
