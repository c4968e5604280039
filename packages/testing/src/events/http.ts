import type {
  ALBEvent,
  APIGatewayProxyEvent,
  APIGatewayProxyEventV2,
  LambdaFunctionURLEvent,
} from 'aws-lambda'
import { type AlbOptions, alb } from './alb.js'
import { apiGatewayV1 } from './api-gateway-v1.js'
import { apiGatewayV2 } from './api-gateway-v2.js'
import { functionUrl } from './function-url.js'
import { findHeader } from './header-names.js'
import { formatRawQueryString, toCommaJoinedParameters } from './query-string.js'
import { routeTemplate } from './route-template.js'

/** Which HTTP front door delivers the request; each has its own event format. */
export type HttpVariant = 'apiGatewayV1' | 'apiGatewayV2' | 'functionUrl' | 'alb'

/** The event type each variant delivers. */
export interface HttpEventsByVariant {
  apiGatewayV1: APIGatewayProxyEvent
  apiGatewayV2: APIGatewayProxyEventV2
  functionUrl: LambdaFunctionURLEvent
  alb: ALBEvent
}

export type HttpEventOf<TVariant extends HttpVariant> = HttpEventsByVariant[TVariant]

export type HttpEvent = HttpEventOf<HttpVariant>

/** One HTTP request described once, the way a client sees it, whichever front door delivers it. */
export interface HttpRequestInit {
  /** Any case; events carry it upper-case. Default `GET`. */
  method?: string | undefined
  /** Default `/`. */
  path?: string | undefined
  /** Only API Gateway routes have path parameters; ALB and Function URL events have nowhere to put them. */
  pathParams?: Record<string, string> | undefined
  /** Decoded values; a list is a repeated parameter, in order. */
  query?: Record<string, string | string[]> | undefined
  headers?: Record<string, string> | undefined
  cookies?: Record<string, string> | undefined
  /**
   * A string is sent as is; bytes are sent base64-encoded, as binary bodies are; any other object is sent
   * as JSON with `content-type: application/json` (unless `headers` set a content type).
   */
  body?: string | Uint8Array | object | undefined
  /** Send the body base64-encoded and say so in `isBase64Encoded`, as binary media types are. */
  base64?: boolean
}

/**
 * An HTTP event for `variant` with each part of `request` where that source really puts it:
 *
 * | | API Gateway REST (v1) | HTTP API (v2) / Function URL | ALB |
 * |---|---|---|---|
 * | method | `httpMethod` | `requestContext.http.method` | `httpMethod` |
 * | path | `path`, `requestContext.path` | `rawPath`, `requestContext.http.path` | `path` |
 * | path params | `pathParameters`, route in `resource` | `pathParameters`, route in `routeKey` (v2 only) | — |
 * | query | decoded, last value in `queryStringParameters`, all in `multiValueQueryStringParameters` | encoded in `rawQueryString`, decoded and comma-joined in `queryStringParameters` | encoded as sent, last value or all (multi-value setting) |
 * | cookies | `Cookie` header | `cookies` array | `cookie` header |
 * | header names | as sent | lower-case | lower-case |
 */
export function http(variant: 'alb', request?: HttpRequestInit, options?: AlbOptions): ALBEvent
export function http<TVariant extends HttpVariant>(
  variant: TVariant,
  request?: HttpRequestInit,
): HttpEventOf<TVariant>
export function http(
  variant: HttpVariant,
  request: HttpRequestInit = {},
  options: AlbOptions = {},
): HttpEvent {
  const normalized = normalize(request)
  switch (variant) {
    case 'apiGatewayV1':
      return apiGatewayV1Event(normalized)
    case 'apiGatewayV2':
      return apiGatewayV2({ ...payloadV2Overrides(normalized), routeKey: routeKeyOf(normalized) })
    case 'functionUrl':
      rejectPathParams(normalized, 'Function URL')
      return functionUrl(payloadV2Overrides(normalized))
    case 'alb':
      rejectPathParams(normalized, 'ALB')
      return albEvent(normalized, options)
  }
}

interface NormalizedRequest {
  method: string
  path: string
  pathParams: Record<string, string> | undefined
  query: Array<[string, string]>
  /** The request's headers, including the ones its body implies, in the caller's letter case. */
  headers: Record<string, string>
  cookies: Array<[string, string]>
  body: string | undefined
  isBase64Encoded: boolean
}

function normalize(request: HttpRequestInit): NormalizedRequest {
  const headers = { ...request.headers }
  const body = encodeBody(request.body, request.base64 ?? false)
  if (body.jsonEncoded && findHeader(headers, 'content-type') === undefined) {
    headers['Content-Type'] = 'application/json'
  }
  if (body.byteLength !== undefined && findHeader(headers, 'content-length') === undefined) {
    headers['Content-Length'] = String(body.byteLength)
  }
  return {
    method: (request.method ?? 'GET').toUpperCase(),
    path: request.path ?? '/',
    pathParams: request.pathParams,
    query: Object.entries(request.query ?? {}).flatMap(([key, values]) =>
      (Array.isArray(values) ? values : [values]).map((value): [string, string] => [key, value]),
    ),
    headers,
    cookies: Object.entries(request.cookies ?? {}),
    body: body.text,
    isBase64Encoded: body.isBase64Encoded,
  }
}

function encodeBody(
  body: HttpRequestInit['body'],
  base64: boolean,
): {
  text: string | undefined
  isBase64Encoded: boolean
  jsonEncoded: boolean
  byteLength: number | undefined
} {
  if (body === undefined)
    return { text: undefined, isBase64Encoded: false, jsonEncoded: false, byteLength: undefined }
  const jsonEncoded = typeof body !== 'string' && !(body instanceof Uint8Array)
  const bytes = typeof body === 'string' || jsonEncoded ? Buffer.from(jsonText(body)) : Buffer.from(body)
  // Bytes cannot travel in a string field except base64-encoded, so a byte body always is.
  const isBase64Encoded = base64 || body instanceof Uint8Array
  return {
    text: isBase64Encoded ? bytes.toString('base64') : bytes.toString('utf8'),
    isBase64Encoded,
    jsonEncoded,
    byteLength: bytes.byteLength,
  }
}

function jsonText(body: string | object): string {
  return typeof body === 'string' ? body : JSON.stringify(body)
}

function apiGatewayV1Event(request: NormalizedRequest): APIGatewayProxyEvent {
  const cookieHeader = formatCookieHeader(request.cookies)
  const headers = cookieHeader ? withCookieHeader(request.headers, 'Cookie', cookieHeader) : request.headers
  return apiGatewayV1({
    httpMethod: request.method,
    path: request.path,
    resource: request.pathParams ? routeTemplate(request.path, request.pathParams) : request.path,
    headers,
    ...(request.pathParams && { pathParameters: request.pathParams }),
    ...(request.query.length > 0 && {
      queryStringParameters: lastValues(request.query),
      multiValueQueryStringParameters: allValues(request.query),
    }),
    ...(request.body !== undefined && { body: request.body }),
    isBase64Encoded: request.isBase64Encoded,
  })
}

function payloadV2Overrides(request: NormalizedRequest) {
  // HTTP APIs and Function URLs take cookies out of the headers and deliver them as a list.
  const headerCookies = Object.entries(request.headers)
    .filter(([name]) => name.toLowerCase() === 'cookie')
    .flatMap(([, value]) => value.split(';').map((cookie) => cookie.trim()))
    .filter((cookie) => cookie !== '')
  const cookies = [...headerCookies, ...request.cookies.map(([name, value]) => `${name}=${value}`)]
  const headers = lowerCaseNames(request.headers)
  delete headers.cookie
  return {
    rawPath: request.path,
    rawQueryString: formatRawQueryString(request.query),
    ...(request.query.length > 0 && { queryStringParameters: toCommaJoinedParameters(request.query) }),
    ...(cookies.length > 0 && { cookies }),
    headers,
    requestContext: { http: { method: request.method, path: request.path } },
    ...(request.pathParams && { pathParameters: request.pathParams }),
    ...(request.body !== undefined && { body: request.body }),
    isBase64Encoded: request.isBase64Encoded,
  }
}

function routeKeyOf(request: NormalizedRequest): string {
  // Without path parameters nothing says which route matched, so the request went to the catch-all route.
  return request.pathParams
    ? `${request.method} ${routeTemplate(request.path, request.pathParams)}`
    : '$default'
}

function albEvent(request: NormalizedRequest, options: AlbOptions): ALBEvent {
  const cookieHeader = formatCookieHeader(request.cookies)
  const headers = lowerCaseNames(request.headers)
  // ALB passes the query exactly as the client encoded it.
  const encodedQuery = request.query.map(([key, value]): [string, string] => [
    encodeURIComponent(key),
    encodeURIComponent(value),
  ])
  return alb(
    {
      httpMethod: request.method,
      path: request.path,
      headers: cookieHeader ? withCookieHeader(headers, 'cookie', cookieHeader) : headers,
      queryStringParameters: lastValues(encodedQuery),
      multiValueQueryStringParameters: allValues(encodedQuery),
      body: request.body ?? '',
      isBase64Encoded: request.isBase64Encoded,
    },
    options,
  )
}

function rejectPathParams(request: NormalizedRequest, source: string): void {
  if (request.pathParams !== undefined) {
    throw new Error(
      `${source} events have no path parameters (there is no route to match), so pathParams cannot be delivered; ` +
        'put the values in path and read them from there.',
    )
  }
}

function formatCookieHeader(cookies: ReadonlyArray<readonly [string, string]>): string {
  return cookies.map(([name, value]) => `${name}=${value}`).join('; ')
}

function withCookieHeader(
  headers: Record<string, string>,
  name: string,
  cookies: string,
): Record<string, string> {
  const existingName = Object.keys(headers).find((header) => header.toLowerCase() === 'cookie')
  if (existingName === undefined) return { ...headers, [name]: cookies }
  return { ...headers, [existingName]: `${headers[existingName]}; ${cookies}` }
}

function lowerCaseNames(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]))
}

function lastValues(entries: ReadonlyArray<readonly [string, string]>): Record<string, string> {
  return Object.fromEntries(entries)
}

function allValues(entries: ReadonlyArray<readonly [string, string]>): Record<string, string[]> {
  const values = new Map<string, string[]>()
  for (const [key, value] of entries) values.set(key, [...(values.get(key) ?? []), value])
  return Object.fromEntries(values)
}
