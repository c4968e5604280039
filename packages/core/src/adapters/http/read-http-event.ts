import { InvalidEventError } from '../../errors/invalid-event-error.js'
import type { HttpVariant } from './http-request.js'
import { cookiePairsFromHeader, readCookies } from './read-cookies.js'
import { readHeaders } from './read-headers.js'
import { isRecord, queryFromMaps, queryFromRaw } from './read-query.js'

/** The source-independent fields of an HTTP request, read from any of the four event formats. */
export interface HttpFields {
  readonly variant: HttpVariant
  readonly method: string
  readonly path: string
  readonly pathParams: Record<string, string>
  readonly query: Record<string, string>
  readonly multiQuery: Record<string, string[]>
  readonly headers: Record<string, string>
  readonly cookies: Record<string, string>
  readonly body: string | undefined
  readonly sourceIp: string | undefined
  readonly requestId: string | undefined
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

export function readHttpEvent(event: unknown, variant: HttpVariant): HttpFields {
  if (!isRecord(event)) throw new InvalidEventError('http', 'the event is not an object')
  return variant === 'apiGatewayV2' || variant === 'functionUrl'
    ? readPayloadV2(event, variant)
    : readPayloadV1(event, variant)
}

// API Gateway REST (payload 1.0) and ALB share a shape: httpMethod, path, (multiValue)headers and query.
function readPayloadV1(event: Record<string, unknown>, variant: HttpVariant): HttpFields {
  const method = event.httpMethod
  if (typeof method !== 'string' || method === '') {
    throw new InvalidEventError(variant, 'httpMethod is missing; is the function wired to this source?')
  }
  const isAlb = variant === 'alb'
  const headers = readHeaders(event.headers, event.multiValueHeaders)
  const { query, multiQuery } = queryFromMaps(
    event.queryStringParameters,
    event.multiValueQueryStringParameters,
    isAlb,
  )
  const requestContext = isRecord(event.requestContext) ? event.requestContext : {}
  const identity = isRecord(requestContext.identity) ? requestContext.identity : {}
  return {
    variant,
    method: method.toUpperCase(),
    path: typeof event.path === 'string' ? event.path : '/',
    pathParams: stringMap(event.pathParameters),
    query,
    multiQuery,
    headers,
    cookies: readCookies(cookiePairsFromHeader(headers.cookie)),
    body: readBody(event.body, event.isBase64Encoded),
    sourceIp: isAlb ? firstForwardedFor(headers) : stringOrUndefined(identity.sourceIp),
    requestId: stringOrUndefined(requestContext.requestId),
    multiValueHeaders: isAlb && isRecord(event.multiValueHeaders),
  }
}

function readPayloadV2(event: Record<string, unknown>, variant: HttpVariant): HttpFields {
  const requestContext = isRecord(event.requestContext) ? event.requestContext : {}
  const http = isRecord(requestContext.http) ? requestContext.http : {}
  const method = http.method
  if (typeof method !== 'string' || method === '') {
    throw new InvalidEventError(
      variant,
      'requestContext.http.method is missing; is the function wired to this source?',
    )
  }
  const headers = readHeaders(event.headers, undefined)
  const { query, multiQuery } =
    typeof event.rawQueryString === 'string' && event.rawQueryString !== ''
      ? queryFromRaw(event.rawQueryString)
      : queryFromMaps(event.queryStringParameters, undefined, false)
  const cookiePairs = Array.isArray(event.cookies) ? event.cookies : cookiePairsFromHeader(headers.cookie)
  return {
    variant,
    method: method.toUpperCase(),
    path: typeof event.rawPath === 'string' ? event.rawPath : (stringOrUndefined(http.path) ?? '/'),
    pathParams: stringMap(event.pathParameters),
    query,
    multiQuery,
    headers,
    cookies: readCookies(cookiePairs),
    body: readBody(event.body, event.isBase64Encoded),
    sourceIp: stringOrUndefined(http.sourceIp),
    requestId: stringOrUndefined(requestContext.requestId),
    multiValueHeaders: false,
  }
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

function firstForwardedFor(headers: Record<string, string>): string | undefined {
  return headers['x-forwarded-for']?.split(',')[0]?.trim() || undefined
}
