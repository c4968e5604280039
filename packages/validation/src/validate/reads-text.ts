import type { StandardSchemaV1 } from '../schema/standard-schema.js'

/** What a schema says of itself through Standard JSON Schema (zod 4.2+, arktype): only what is read here. */
interface SelfDescribing {
  readonly jsonSchema?: { readonly input?: (options: { readonly target: string }) => unknown }
}

/**
 * False only when the schema says it cannot take a string: its JSON Schema has a `type` (or `anyOf`/`oneOf`
 * branches all with types) without `string`. A schema that does not describe itself (valibot) may take text.
 * Asked once, when the middleware is made.
 */
export function readsText(standard: StandardSchemaV1.Props): boolean {
  const describe = (standard as SelfDescribing).jsonSchema?.input
  if (typeof describe !== 'function') return true
  try {
    return mayBeString(describe({ target: 'draft-2020-12' }))
  } catch {
    return true
  }
}

function mayBeString(schema: unknown): boolean {
  if (typeof schema !== 'object' || schema === null) return true
  const { type, anyOf, oneOf } = schema as { type?: unknown; anyOf?: unknown; oneOf?: unknown }
  if (typeof type === 'string') return type === 'string'
  if (Array.isArray(type)) return type.includes('string')
  const branches = Array.isArray(anyOf) ? anyOf : Array.isArray(oneOf) ? oneOf : undefined
  return branches === undefined || branches.some(mayBeString)
}
