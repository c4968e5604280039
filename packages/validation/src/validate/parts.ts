import type { InferOutput, StandardSchemaV1 } from '../schema/standard-schema.js'

/**
 * The request fields `validate()` can check; each checked value is put on `request.input` for the layers inside. A part
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

/** The checked parts, each of its schema's output type. */
export type ValidatedParts<TSchemas> = {
  readonly [TPart in Exclude<keyof TSchemas, 'output'>]: TSchemas[TPart] extends StandardSchemaV1
    ? InferOutput<TSchemas[TPart]>
    : never
}

/**
 * What the middleware adds: `request.input`, holding each checked part. The raw fields stay as the source gave them,
 * so every layer's type stays true; several `validate()` in one chain add their parts to one `input`.
 */
export type PartsValidated<TSchemas> = { readonly input: ValidatedParts<TSchemas> }

/** Rejects a misspelt or unknown part at compile time (`path` included: it is `pathParams`). */
export type OnlyKnownParts<TSchemas> = {
  readonly [TKey in Exclude<keyof TSchemas, keyof ValidationSchemas>]: never
}
