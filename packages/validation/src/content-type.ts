/** How a text payload is read before its schema sees it. */
export type TextFormat = 'json' | 'form' | 'text'

/**
 * Reads an HTTP body by its content type: JSON for `application/json`, any `+json` type and no content type at all
 * (clients and tests often leave it out); a form for `application/x-www-form-urlencoded`; anything else is
 * validated as the text it is.
 */
export function formatForContentType(contentType: unknown): TextFormat {
  if (typeof contentType !== 'string') return 'json'
  const semicolon = contentType.indexOf(';')
  const mediaType = (semicolon === -1 ? contentType : contentType.slice(0, semicolon)).trim().toLowerCase()
  if (mediaType === '' || mediaType === 'application/json' || mediaType.endsWith('+json')) return 'json'
  if (mediaType === 'application/x-www-form-urlencoded') return 'form'
  return 'text'
}
