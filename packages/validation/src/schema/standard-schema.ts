import type { StandardSchemaV1 } from '@standard-schema/spec'
import { standardSchema } from '@tsumiki/core'

// Only the types come from @standard-schema/spec: validation runs through `schema['~standard'].validate`, so zod,
// valibot, arktype and any other Standard Schema v1 library work and none of them is imported at run time.
export type { StandardSchemaV1 }

/** What a schema produces for valid input: `z.output<typeof S>` for zod, `v.InferOutput<typeof S>` for valibot. */
export type InferOutput<TSchema extends StandardSchemaV1> = StandardSchemaV1.InferOutput<TSchema>

/** True for a zod (3.24+), valibot, arktype... schema: anything with a Standard Schema v1 `~standard.validate`. */
export function isStandardSchema(value: unknown): value is StandardSchemaV1 {
  return standardSchema.test(value)
}
