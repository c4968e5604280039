import type { HttpRequest } from '../adapters/http/http-request.js'
import { isHttpReply, reply } from '../adapters/http/reply.js'
import { isPromiseLike } from '../engine/is-promise-like.js'
import type { Middleware } from '../engine/middleware.js'
import { DeadlineExceededError } from '../errors/deadline-exceeded-error.js'
import { isErrorReported, markErrorReported } from '../errors/error-report.js'
import { HttpError, isHttpError } from '../errors/http-error.js'
import { InvalidOptionError } from '../errors/invalid-option-error.js'
import { checkOptions } from '../options/check-options.js'
import {
  anyOf,
  aString,
  listOf,
  oneOf,
  optionRule,
  required,
  trueOrFalse,
  wholeNumber,
} from '../options/option-rules.js'
import { anyOriginReason } from './any-origin.js'

export interface CorsOptions {
  /**
   * Origins allowed to call: exact origins (`https://app.example.com`), patterns with `*` for one or more
   * subdomain labels (`https://*.example.com`), regular expressions tested against the whole `Origin` header,
   * or `'*'` for any origin (never with `credentials`).
   */
  readonly origins: '*' | readonly (string | RegExp)[]
  /** Methods a preflight allows. Default GET, HEAD, POST, PUT, PATCH, DELETE. */
  readonly methods?: readonly string[] | undefined
  /** Request headers a preflight allows. Default: those the preflight asks for. */
  readonly headers?: readonly string[] | undefined
  /** Response headers the browser lets scripts read. */
  readonly exposeHeaders?: readonly string[] | undefined
  /**
   * Allow cookies and `Authorization` (`Access-Control-Allow-Credentials: true`). Default false. Refused with
   * origins that would let any site read the caller's answers: `'*'`, `'null'`, a pattern for any host
   * (`https://*`, `https://*.com`) or a RegExp matching `null` or an unrelated origin.
   */
  readonly credentials?: boolean | undefined
  /** How long a browser may cache a preflight answer, in seconds (the header's unit). Default: not sent. */
  readonly maxAgeSeconds?: number | undefined
}

const defaultMethods = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']
const jsonContentType = 'application/json; charset=utf-8'

/**
 * Cross-origin resource sharing for an HTTP chain. Use it first, around everything (the router included): a
 * preflight (`OPTIONS` with `Origin` and `Access-Control-Request-Method`) is answered here without running
 * anything inside; every other answer from an allowed origin, error answers included, gets the CORS headers.
 * Every answer says `Vary: Origin` unless any origin gets `*`, so caches keep one answer per origin.
 */
export function cors(options: CorsOptions): Middleware<HttpRequest> {
  const policy = corsPolicy(options)
  return {
    name: 'cors',
    handle(request, next) {
      const origin = request.headers.origin
      const allowOrigin = origin === undefined ? undefined : policy.allowOrigin(origin)
      if (
        request.method === 'OPTIONS' &&
        origin !== undefined &&
        request.headers['access-control-request-method'] !== undefined
      ) {
        return preflightAnswer(policy, allowOrigin, request.headers['access-control-request-headers'])
      }
      const headers = policy.responseHeaders(allowOrigin)
      let result: unknown
      try {
        result = next()
      } catch (error) {
        throw withHeaders(error, headers, request)
      }
      if (isPromiseLike(result)) {
        return result.then(
          (answer) => answerWithHeaders(answer, headers),
          (error: unknown) => {
            throw withHeaders(error, headers, request)
          },
        )
      }
      return answerWithHeaders(result, headers)
    },
  }
}

interface CorsPolicy {
  /** The `Access-Control-Allow-Origin` value for this origin, or undefined when it is not allowed. */
  allowOrigin(origin: string): string | undefined
  responseHeaders(allowOrigin: string | undefined): Record<string, string>
  readonly methods: string
  readonly headers: string | undefined
  readonly maxAgeSeconds: number | undefined
  readonly varyOrigin: boolean
}

function corsPolicy(options: CorsOptions): CorsPolicy {
  checkCorsOptions(options)
  const credentials = options.credentials === true
  const anyOrigin = options.origins === '*'
  const exact = new Set<string>()
  const patterns: RegExp[] = []
  if (options.origins !== '*') {
    for (const origin of options.origins) {
      if (origin instanceof RegExp) patterns.push(origin)
      else if (origin.includes('*')) patterns.push(wildcardPattern(origin))
      else exact.add(origin.toLowerCase())
    }
  }
  const echoOrigin = !anyOrigin
  const expose = options.exposeHeaders?.length ? options.exposeHeaders.join(', ') : undefined
  return {
    allowOrigin(origin) {
      if (anyOrigin) return '*'
      if (exact.has(origin.toLowerCase())) return origin
      for (const pattern of patterns) {
        pattern.lastIndex = 0
        if (pattern.test(origin)) return origin
      }
      return undefined
    },
    responseHeaders(allowOrigin) {
      const headers: Record<string, string> = echoOrigin ? { vary: 'Origin' } : {}
      if (allowOrigin === undefined) return headers
      headers['access-control-allow-origin'] = allowOrigin
      if (credentials) headers['access-control-allow-credentials'] = 'true'
      if (expose !== undefined) headers['access-control-expose-headers'] = expose
      return headers
    },
    methods: (options.methods ?? defaultMethods).join(', '),
    headers: options.headers?.join(', '),
    maxAgeSeconds: options.maxAgeSeconds,
    varyOrigin: echoOrigin,
  }
}

function preflightAnswer(
  policy: CorsPolicy,
  allowOrigin: string | undefined,
  requestedHeaders: string | undefined,
): unknown {
  const headers: Record<string, string> = policy.varyOrigin ? { vary: 'Origin' } : {}
  if (allowOrigin === undefined) {
    throw new HttpError(403, 'This origin is not allowed to call this API', { headers })
  }
  Object.assign(headers, policy.responseHeaders(allowOrigin))
  delete headers['access-control-expose-headers']
  headers['access-control-allow-methods'] = policy.methods
  const allowHeaders = policy.headers ?? requestedHeaders
  if (allowHeaders !== undefined && allowHeaders !== '')
    headers['access-control-allow-headers'] = allowHeaders
  if (policy.headers === undefined && requestedHeaders !== undefined) {
    headers.vary =
      headers.vary === undefined
        ? 'Access-Control-Request-Headers'
        : `${headers.vary}, Access-Control-Request-Headers`
  }
  if (policy.maxAgeSeconds !== undefined) headers['access-control-max-age'] = String(policy.maxAgeSeconds)
  return reply({ status: 204, headers })
}

/** The handler's answer with the CORS headers added; a plain value is encoded as the adapter would have. */
function answerWithHeaders(answer: unknown, headers: Record<string, string>): unknown {
  if (isHttpReply(answer)) {
    return reply({
      status: answer.status,
      headers: mergeHeaders(answer.headers, headers),
      cookies: answer.cookies,
      body: answer.body,
    })
  }
  if (answer === undefined) return reply({ status: 204, headers })
  const json = JSON.stringify(answer)
  if (json === undefined) throw new TypeError(`A ${typeof answer} cannot be sent as a JSON response body`)
  return reply({ status: 200, headers: { 'content-type': jsonContentType, ...headers }, body: json })
}

/**
 * The error with the CORS headers on its answer. An `HttpError` is copied (same class, fields and stack; its
 * `headers` with the CORS ones added), never changed: the same instance may be thrown again, for another
 * origin. Any other error, which the adapter would answer with a bare 500 (504 at the deadline), is wrapped in
 * the `HttpError` giving that same answer, with the error as its cause.
 */
function withHeaders(error: unknown, headers: Record<string, string>, request: object): unknown {
  if (isHttpError(error)) {
    const copy = Object.create(
      Object.getPrototypeOf(error),
      Object.getOwnPropertyDescriptors(error),
    ) as HttpError
    Object.defineProperty(copy, 'headers', {
      value: mergeHeaders(error.headers, headers),
      writable: false,
      enumerable: true,
      configurable: true,
    })
    return copy
  }
  const deadline = error instanceof DeadlineExceededError
  const wrapped = deadline
    ? new HttpError(504, 'The request could not be completed in time', {
        type: 'deadline_exceeded',
        headers,
        cause: error,
      })
    : new HttpError(500, 'Internal server error', { type: 'internal', headers, cause: error })
  if (isErrorReported(error, request)) markErrorReported(wrapped, request)
  return wrapped
}

function mergeHeaders(
  own: Readonly<Record<string, string>>,
  cors: Readonly<Record<string, string>>,
): Record<string, string> {
  const merged: Record<string, string> = {}
  for (const [name, value] of Object.entries(own)) merged[name.toLowerCase()] = value
  for (const [name, value] of Object.entries(cors)) {
    const existing = merged[name]
    merged[name] =
      name === 'vary' && existing !== undefined && existing !== '' ? `${existing}, ${value}` : value
  }
  return merged
}

/** `https://*.example.com`: `*` stands for one or more DNS labels; everything else is literal. */
function wildcardPattern(origin: string): RegExp {
  const escaped = origin
    .toLowerCase()
    .split('*')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
  return new RegExp(`^${escaped.join('[a-z0-9-]+(?:\\.[a-z0-9-]+)*')}$`, 'i')
}

function checkCorsOptions(options: CorsOptions): void {
  checkOptions<CorsOptions>('cors()', options, {
    origins: required(anyOf(oneOf('*'), listOf(anyOf(aString, optionRule('a RegExp', isRegExp))))),
    methods: listOf(aString),
    headers: listOf(aString),
    exposeHeaders: listOf(aString),
    credentials: trueOrFalse,
    maxAgeSeconds: wholeNumber(0),
  })
  const { origins, credentials } = options
  if (credentials === true) checkCredentialedOrigins(origins)
  if (origins !== '*' && origins.includes('*')) {
    throw new InvalidOptionError('cors()', 'origins', "a list of origins; any origin is origins: '*'", '*')
  }
}

function isRegExp(value: unknown): boolean {
  return value instanceof RegExp
}

/** With credentials, no entry may let any site read the caller's answers (see `anyOriginReason`). */
function checkCredentialedOrigins(origins: CorsOptions['origins']): void {
  for (const origin of origins === '*' ? ['*'] : origins) {
    const reason = anyOriginReason(origin)
    if (reason !== undefined) {
      throw new InvalidOptionError(
        'cors()',
        'origins',
        `origins named one by one when credentials is true (${reason})`,
        String(origin),
      )
    }
  }
}
