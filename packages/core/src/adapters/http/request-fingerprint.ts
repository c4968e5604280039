import type { HttpRequest } from './http-request.js'

/**
 * What an HTTP request asks for, as `fingerprintOf` answers it: a JSON array of its method, path, query, content
 * type and body, so that no two different requests give the same string.
 *
 * - The query as the handler reads it (decoded), names sorted: `?a=1&b=2` and `?b=2&a=1` give the handler the same
 *   `query`, so they are the same request. A repeated name keeps its values in order: `?a=1&a=2` is a list.
 * - The `content-type` header as sent: it says what the body means (the same bytes as JSON or as a form are two
 *   requests). No other header: the others change between retries of one request (a refreshed token, a signature's
 *   date, trace ids) or say how to answer, not what to do.
 * - The body as text, as sent.
 */
export function requestFingerprintOf(request: HttpRequest): string {
  const { multiQuery, headers } = request
  const query = Object.keys(multiQuery)
    .sort()
    .map((name) => [name, multiQuery[name]])
  const contentType = Object.hasOwn(headers, 'content-type') ? headers['content-type'] : undefined
  return JSON.stringify([request.method, request.path, query, contentType ?? null, request.body ?? null])
}
