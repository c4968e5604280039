import { InvalidEventError } from '../../errors/invalid-event-error.js'
import type { HttpVariant } from './http-request.js'
import { cookiePairsFromHeader, readCookies } from './read-cookies.js'
import { readHeaders } from './read-headers.js'
import { isRecord, queryFromMaps, queryFromRaw } from './read-query.js'

/**
 * What is read of an HTTP event up front, in any of the four formats: what tells a bad event from a good one, and
 * what every request carries. The rest (headers, query, cookies, body...) is read when first asked for, by the
 * `read*` functions below, so a handler pays only for what it reads.
 */
export interface HttpHead {
  readonly variant: HttpVariant
  readonly event: Record<string, unknown>
  readonly method: string
  readonly path: string
  /** The `x-correlation-id` header, else `x-request-id`, else the front door's request id. */
  readonly correlationId: string | undefined
  /** ALB answers in the header format it was asked in: multi-value when its target group has that setting on. */
  readonly multiValueHeaders: boolean
}

/** Tells the format from the event itself: ALB carries `requestContext.elb`, payload 2.0 carries `version: '2.0'`. */
export function detectHttpVariant(event: unknown): HttpVariant {
  if (!isRecord(event)) throw new InvalidEventError('http', 'the event is not an object')
  const requestContext = isRecord(event.requestContext) ? event.requestContext : undefined
  if (requestContext !== undefined && isRecord(requestContext.elb)) return 'alb'
  if (event.version === '2.0' && requestContext !== undefined && isRecord(requestContext.http)) {
    const domainName = requestContext.domainName
    return typeof domainName === 'string' && domainName.includes('.lambda-url.')
      ? 'functionUrl'
      : 'apiGatewayV2'
  }
  if (typeof event.httpMethod === 'string') return 'apiGatewayV1'
  throw new InvalidEventError(
    'http',
    'it is neither an API Gateway (REST or HTTP API), Function URL nor ALB event: no httpMethod, no requestContext.http',
  )
}

export function readHttpHead(event: unknown, variant: HttpVariant): HttpHead {
  if (!isRecord(event)) throw new InvalidEventError('http', 'the event is not an object')
  return isPayloadV2(variant) ? readHeadV2(event, variant) : readHeadV1(event, variant)
}

function isPayloadV2(variant: HttpVariant): boolean {
  return variant === 'apiGatewayV2' || variant === 'functionUrl'
}

// API Gateway REST (payload 1.0) and ALB share a shape: httpMethod, path, (multiValue)headers and query.
function readHeadV1(event: Record<string, unknown>, variant: HttpVariant): HttpHead {
  const method = event.httpMethod
  if (typeof method !== 'string' || method === '') {
    throw new InvalidEventError(variant, 'httpMethod is missing; is the function wired to this source?')
  }
  const requestContext = isRecord(event.requestContext) ? event.requestContext : undefined
  return {
    variant,
    event,
    method: method.toUpperCase(),
    path: typeof event.path === 'string' ? event.path : '/',
    correlationId:
      readCorrelationHeader(event.headers, event.multiValueHeaders) ??
      stringOrUndefined(requestContext?.requestId),
    multiValueHeaders: variant === 'alb' && isRecord(event.multiValueHeaders),
  }
}

function readHeadV2(event: Record<string, unknown>, variant: HttpVariant): HttpHead {
  const requestContext = isRecord(event.requestContext) ? event.requestContext : undefined
  const http = isRecord(requestContext?.http) ? requestContext.http : undefined
  const method = http?.method
  if (typeof method !== 'string' || method === '') {
    throw new InvalidEventError(
      variant,
      'requestContext.http.method is missing; is the function wired to this source?',
    )
  }
  return {
    variant,
    event,
    method: method.toUpperCase(),
    path: typeof event.rawPath === 'string' ? event.rawPath : (stringOrUndefined(http?.path) ?? '/'),
    correlationId:
      readCorrelationHeader(event.headers, undefined) ?? stringOrUndefined(requestContext?.requestId),
    multiValueHeaders: false,
  }
}

/** Lower-cased names; repeated headers joined with `, `, cookies with `; ` (see readHeaders). */
export function readHeadersOf(head: HttpHead): Record<string, string> {
  const { event } = head
  return readHeaders(event.headers, isPayloadV2(head.variant) ? undefined : event.multiValueHeaders)
}

/** The first value of each query parameter, and every value, decoded. */
export function readQueryOf(head: HttpHead): {
  query: Record<string, string>
  multiQuery: Record<string, string[]>
} {
  const { event } = head
  if (!isPayloadV2(head.variant)) {
    return queryFromMaps(
      event.queryStringParameters,
      event.multiValueQueryStringParameters,
      head.variant === 'alb',
    )
  }
  return typeof event.rawQueryString === 'string' && event.rawQueryString !== ''
    ? queryFromRaw(event.rawQueryString)
    : queryFromMaps(event.queryStringParameters, undefined, false)
}

/** Payload 2.0 has a `cookies` array; the others, and a 2.0 event without it, the `cookie` header. */
export function readCookiesOf(head: HttpHead, headers: () => Record<string, string>): Record<string, string> {
  const { event } = head
  const pairs =
    isPayloadV2(head.variant) && Array.isArray(event.cookies)
      ? event.cookies
      : cookiePairsFromHeader(headers().cookie)
  return readCookies(pairs)
}

/** The body as text, base64-decoded when the event says it was encoded. */
export function readBodyOf(head: HttpHead): string | undefined {
  return readBody(head.event.body, head.event.isBase64Encoded)
}

export function readPathParamsOf(head: HttpHead): Record<string, string> {
  return stringMap(head.event.pathParameters)
}

/**
 * API Gateway and Function URLs give the address they saw. ALB gives none: it appends the peer it saw to
 * `x-forwarded-for`, after whatever the caller wrote there, so only entries from the end can be trusted — the
 * last one, or the one `trustedProxies` places before it when that many proxies of one's own sit in front.
 */
export function readSourceIpOf(
  head: HttpHead,
  headers: () => Record<string, string>,
  trustedProxies: number,
): string | undefined {
  const requestContext = isRecord(head.event.requestContext) ? head.event.requestContext : {}
  switch (head.variant) {
    case 'alb':
      return forwardedForPeer(headers()['x-forwarded-for'], trustedProxies)
    case 'apiGatewayV1':
      return stringOrUndefined(
        isRecord(requestContext.identity) ? requestContext.identity.sourceIp : undefined,
      )
    default:
      return stringOrUndefined(isRecord(requestContext.http) ? requestContext.http.sourceIp : undefined)
  }
}

const correlationHeader = 'x-correlation-id'
const requestIdHeader = 'x-request-id'

/**
 * `headers['x-correlation-id'] ?? headers['x-request-id']` of what readHeaders would make, without making it:
 * only names of the right length are lower-cased and compared (lower-casing never changes the length of a name
 * that ends up all ASCII), so a request whose handler reads no header lower-cases none.
 */
function readCorrelationHeader(single: unknown, multi: unknown): string | undefined {
  let correlation: string | undefined
  let requestId: string | undefined
  if (isRecord(multi)) {
    // readHeaders: the last repeated name wins, with its values joined.
    for (const name of Object.keys(multi)) {
      const wanted = wantedHeader(name)
      if (wanted === undefined) continue
      const list = multi[name]
      if (!Array.isArray(list)) continue
      const strings = list.filter((value): value is string => typeof value === 'string')
      if (strings.length === 0) continue
      if (wanted === correlationHeader) correlation = strings.join(', ')
      else requestId = strings.join(', ')
    }
  }
  if (correlation === undefined || requestId === undefined) {
    if (isRecord(single)) {
      // readHeaders: the first string wins, unless the multi-value map had the name.
      for (const name of Object.keys(single)) {
        const wanted = wantedHeader(name)
        if (wanted === undefined) continue
        const value = single[name]
        if (typeof value !== 'string') continue
        if (wanted === correlationHeader) correlation ??= value
        else requestId ??= value
      }
    }
  }
  return correlation ?? requestId
}

function wantedHeader(name: string): string | undefined {
  if (name.length !== correlationHeader.length && name.length !== requestIdHeader.length) return undefined
  const lower = name.toLowerCase()
  return lower === correlationHeader || lower === requestIdHeader ? lower : undefined
}

function readBody(body: unknown, isBase64Encoded: unknown): string | undefined {
  if (typeof body !== 'string') return undefined
  return isBase64Encoded === true ? Buffer.from(body, 'base64').toString('utf8') : body
}

function stringMap(value: unknown): Record<string, string> {
  const map: Record<string, string> = {}
  if (!isRecord(value)) return map
  for (const [name, entry] of Object.entries(value)) if (typeof entry === 'string') map[name] = entry
  return map
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined
}

/** With fewer entries than proxies, the first one: every entry was written by a trusted proxy. */
function forwardedForPeer(header: string | undefined, trustedProxies: number): string | undefined {
  if (header === undefined) return undefined
  const entries = header.split(',')
  const index = Math.max(0, entries.length - 1 - trustedProxies)
  return entries[index]?.trim() || undefined
}
