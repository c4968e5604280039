import * as v from 'valibot'
import * as z from 'zod'

/** The same order payload in zod and in valibot, so every envelope is tested with both. */
export const ZodOrder = z.object({
  id: z.uuid(),
  items: z.array(z.object({ sku: z.string().min(1), qty: z.number().int().min(1) })).min(1),
  note: z.string().optional(),
})

export const ValibotOrder = v.object({
  id: v.pipe(v.string(), v.uuid()),
  items: v.pipe(
    v.array(
      v.object({
        sku: v.pipe(v.string(), v.minLength(1)),
        qty: v.pipe(v.number(), v.integer(), v.minValue(1)),
      }),
    ),
    v.minLength(1),
  ),
  note: v.optional(v.string()),
})

export const validOrder = {
  id: '4b0e1f2a-7c3d-4e5f-8a9b-0c1d2e3f4a5b',
  items: [{ sku: 'tea', qty: 2 }],
}

/** Invalid in one place only: the first item's quantity. */
export const orderWithZeroQty = { ...validOrder, items: [{ sku: 'tea', qty: 0 }] }

export const libraries = [
  { library: 'zod', Order: ZodOrder },
  { library: 'valibot', Order: ValibotOrder },
] as const
