/** How a text payload is read before its schema sees it. */
export type TextFormat = 'json' | 'form' | 'text'

/** The content types a body schema that does not take text accepts, as a 415 names them. */
export const acceptedContentTypes =
  'application/json (or any +json type) or application/x-www-form-urlencoded'

/**
 * Reads an HTTP body by its content type, in any case and with any parameters: JSON for `application/json`, any
 * `+json` type and no content type at all (clients and tests often leave it out); a form for
 * `application/x-www-form-urlencoded`; anything else as the text it is when the schema takes text, else
 * `'unsupported'` (a 415: the schema could only refuse it, as "expected object, received string").
 */
export function formatForContentType(contentType: unknown, readsText: boolean): TextFormat | 'unsupported' {
  const mediaType = mediaTypeOf(contentType)
  if (mediaType === '' || mediaType === 'application/json' || mediaType.endsWith('+json')) return 'json'
  if (mediaType === 'application/x-www-form-urlencoded') return 'form'
  return readsText ? 'text' : 'unsupported'
}

/** `Application/JSON; charset=utf-8` → `application/json`; no content type → `''`. */
export function mediaTypeOf(contentType: unknown): string {
  if (typeof contentType !== 'string') return ''
  const semicolon = contentType.indexOf(';')
  return (semicolon === -1 ? contentType : contentType.slice(0, semicolon)).trim().toLowerCase()
}
