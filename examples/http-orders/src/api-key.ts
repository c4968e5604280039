import { createHash, timingSafeEqual } from 'node:crypto'
import { httpErrors, middleware } from '@tsumiki/core'

export const apiKeyHeader = 'x-api-key'

const digestOf = (text: string) => createHash('sha256').update(text, 'utf8').digest()

/**
 * Whether a presented key is the expected one, in a time that tells an attacker nothing: both are hashed to 32
 * bytes first, so neither a differing byte nor a differing length changes how long the comparison takes.
 */
export function sameApiKey(given: string, expected: string): boolean {
  return timingSafeEqual(digestOf(given), digestOf(expected))
}

interface ApiKeyRequest {
  readonly headers: Readonly<Record<string, string>>
  readonly params: { readonly apiKey: string }
}

/**
 * Lets through only requests whose `x-api-key` header is the key read from Secrets Manager (`params.apiKey`);
 * any other gets a 401 that says which header, and never echoes what was sent.
 */
export function requireApiKey() {
  return middleware<ApiKeyRequest>({
    name: 'requireApiKey',
    handle(request, next) {
      const given = request.headers[apiKeyHeader]
      if (given === undefined || given === '' || !sameApiKey(given, request.params.apiKey)) {
        throw httpErrors.unauthorized(`Missing or wrong ${apiKeyHeader} header`)
      }
      return next()
    },
  })
}
