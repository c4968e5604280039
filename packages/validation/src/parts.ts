import type { InferOutput, StandardSchemaV1 } from './standard-schema.js'

/**
 * The request fields `validate()` can check, each replaced by its schema's output for the layers inside. A part
 * is only accepted on a chain whose request has that field: `query` on HTTP, `newImage` on DynamoDB Streams...
 * Path parameters are `pathParams`, as on the HTTP request: `request.path` is the URL path, not a part.
 */
export const inputParts = [
  'event',
  'record',
  'pathParams',
  'query',
  'multiQuery',
  'headers',
  'cookies',
  'body',
  'detail',
  'keys',
  'newImage',
  'oldImage',
] as const

export type InputPart = (typeof inputParts)[number]

/** The schemas given to `validate()`: input parts by request field, and `output` for the handler's result. */
export type ValidationSchemas = {
  readonly [TPart in InputPart | 'output']?: StandardSchemaV1
}

/** What the middleware reads: exactly the fields its input parts check. */
export type PartsRead<TSchemas> = {
  readonly [TPart in Exclude<keyof TSchemas, 'output'>]: unknown
}

/** What the middleware replaces: each checked field, now of its schema's output type. */
export type PartsValidated<TSchemas> = {
  readonly [TPart in Exclude<keyof TSchemas, 'output'>]: TSchemas[TPart] extends StandardSchemaV1
    ? InferOutput<TSchemas[TPart]>
    : never
}

/** Rejects a misspelt or unknown part at compile time (`path` included: it is `pathParams`). */
export type OnlyKnownParts<TSchemas> = {
  readonly [TKey in Exclude<keyof TSchemas, keyof ValidationSchemas>]: never
}

const inputPartSet: ReadonlySet<string> = new Set(inputParts)

export function isInputPart(name: string): name is InputPart {
  return inputPartSet.has(name)
}
