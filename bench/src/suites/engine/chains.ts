import middy, { type MiddlewareObj } from '@middy/core'
import httpErrorHandler from '@middy/http-error-handler'
import httpEventNormalizer from '@middy/http-event-normalizer'
import httpHeaderNormalizer from '@middy/http-header-normalizer'
import httpJsonBodyParser from '@middy/http-json-body-parser'
import httpResponseSerializer from '@middy/http-response-serializer'
import {
  type HttpHandler,
  http,
  type InvocationRequest,
  lambda,
  type Middleware,
  type RawHandler,
  raw,
  wrap,
} from '@tsumiki/core'
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda'
import { bareHandler, type HandlerResult, type RawEvent, work } from './fixtures.js'

/**
 * The chains the engine suite compares.
 *
 * Each middleware of a chain is a function of its own, as in a deployed chain (logger, auth, validation...), not
 * n closures of one function: a call site that only ever sees one function gets that function inlined by V8,
 * which flatters a loop of no-op hooks (Middy's) far more than nested calls (tsumiki's) and is not what a real
 * chain gets. The bodies are exactly the ones the suite describes; `new Function` only gives each its identity.
 */

export type MiddlewareKind = 'sync' | 'async' | 'fields'

type LambdaHandler<TEvent, TResult> = (event: TEvent, context: Context) => Promise<TResult>
type TsumikiHandle = Middleware<InvocationRequest>['handle']
type MiddyHook = NonNullable<MiddlewareObj['before']>

/** Compiles one function from its source, so that each middleware has its own (see above). */
function compile<T>(source: string): T {
  return new Function(`'use strict'; return ${source}`)() as T
}

// ---------------------------------------------------------------- tsumiki

/**
 * sync: `(req, next) => next()`. async: awaits the inner layers, as a middleware with code after `next()` does.
 * fields: sync; even-numbered ones hand a field on with `next({ fieldN: N })` (a fresh literal each call).
 */
function tsumikiMiddleware(kind: MiddlewareKind, index: number): Middleware<InvocationRequest> {
  const body =
    kind === 'async'
      ? `async (request, next) => { const result = await next(); return result /* ${index} */ }`
      : kind === 'fields' && index % 2 === 0
        ? `(request, next) => next({ field${index}: ${index} })`
        : `(request, next) => next() /* ${index} */`
  return { name: `${kind}-${index}`, handle: compile<TsumikiHandle>(body) }
}

export function tsumikiRawChain(kind: MiddlewareKind, count: number): RawHandler<RawEvent, HandlerResult> {
  let builder = lambda(raw<RawEvent, HandlerResult>())
  for (let index = 0; index < count; index++) builder = builder.use(tsumikiMiddleware(kind, index))
  return builder.handle(async () => work())
}

export function tsumikiWrapChain(count: number): LambdaHandler<RawEvent, HandlerResult> {
  let handler = wrap<RawEvent, HandlerResult>(bareHandler)
  for (let index = 0; index < count; index++) handler = handler.use(tsumikiMiddleware('sync', index))
  return handler
}

/**
 * `http()`: detects the front door from the event, reads method, path and correlation id (headers, query, cookies
 * and body when first read), shapes the answer for that door. With `reads`, the handler reads headers, query and
 * cookies, so all of them are parsed.
 */
export function tsumikiHttpChain(count: number, reads = false): HttpHandler {
  let builder = lambda(http())
  for (let index = 0; index < count; index++) builder = builder.use(tsumikiMiddleware('sync', index))
  if (!reads) return builder.handle(async () => work())
  return builder.handle(async (request) => {
    readsOf(request.headers.accept, request.query.lang, request.cookies.session)
    return work()
  })
}

/** Keeps what a handler read alive, so that reading it is not optimised away. */
let lastRead: unknown
function readsOf(...values: unknown[]): void {
  lastRead = values
}
export function lastReadValues(): unknown {
  return lastRead
}

// ---------------------------------------------------------------- Middy

/**
 * sync: plain `before` and `after` functions that do nothing. async: the same as async functions.
 * fields: sync; even-numbered ones put a field on `request.internal` in `before`, Middy's per-request store
 * for what a middleware hands on (what @middy/ssm and co. use).
 */
function middyMiddleware(kind: MiddlewareKind, index: number): MiddlewareObj {
  const asyncPrefix = kind === 'async' ? 'async ' : ''
  const before =
    kind === 'fields' && index % 2 === 0
      ? `(request) => { request.internal.field${index} = ${index} }`
      : `${asyncPrefix}(request) => { /* before ${index} */ }`
  return {
    name: `${kind}-${index}`,
    before: compile<MiddyHook>(before),
    after: compile<MiddyHook>(`${asyncPrefix}(request) => { /* after ${index} */ }`),
  }
}

/** `middy(handler)` with its defaults (`timeoutEarlyInMillis` 5, standard execution mode) and n middlewares. */
export function middyChain(kind: MiddlewareKind, count: number): LambdaHandler<RawEvent, HandlerResult> {
  const handler = middy<RawEvent, HandlerResult>(bareHandler)
  for (let index = 0; index < count; index++) handler.use(middyMiddleware(kind, index))
  return handler
}

/**
 * The least Middy needs to answer API Gateway v2 like tsumiki's adapter: serialise the handler's value as a
 * 200 JSON response in an after hook. It reads nothing of the request (no header normalisation, no query or
 * cookie parsing, no error mapping), so these rows charge tsumiki for work Middy skips.
 */
const middyJsonResponse: MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> = {
  name: 'json-response',
  after: (request) => {
    request.response = {
      statusCode: 200,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request.response),
    }
  },
}

/** The Middy chain of the "Middy only serialises" rows. */
export function middyHttpChain(
  count: number,
): LambdaHandler<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> {
  const handler = middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>(
    async () => work() as unknown as APIGatewayProxyStructuredResultV2,
  )
  // Used first, so its after hook runs last (outermost), where a response serialiser sits in a Middy chain.
  handler.use(middyJsonResponse)
  for (let index = 0; index < count; index++) {
    handler.use(middyMiddleware('sync', index) as MiddlewareObj<APIGatewayProxyEventV2>)
  }
  return handler
}

/**
 * Middy doing work comparable to tsumiki's `http()`, with its own HTTP middlewares in the order their docs give:
 * event normaliser (defaults for the query and path parameter maps), header normaliser (lower-cased names),
 * JSON body parser (here a GET without a body: it only tests the content type), error handler (an error as its
 * status) and response serialiser (the result as a JSON body with its content type). The normalisers rewrite
 * `event.headers` and co. in place, so this chain gets a copy of the event (see engine.bench.ts); from the second
 * call on they normalise their own output again, the same work. With `reads`, the handler reads the headers, the
 * query and the cookies (Middy has no cookie parser: the raw `cookies` array), as tsumiki's does.
 */
export function middyHttpStackChain(
  count: number,
  reads = false,
): LambdaHandler<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> {
  const handler = middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>(
    reads
      ? async (event: APIGatewayProxyEventV2) => {
          readsOf(event.headers.accept, event.queryStringParameters?.lang, event.cookies?.[0])
          return work() as unknown as APIGatewayProxyStructuredResultV2
        }
      : async () => work() as unknown as APIGatewayProxyStructuredResultV2,
  )
  handler
    .use(httpEventNormalizer())
    .use(httpHeaderNormalizer())
    .use(httpJsonBodyParser({ disableContentTypeError: true }))
    .use(
      httpResponseSerializer({
        serializers: [{ regex: /^application\/json$/, serializer: ({ body }) => JSON.stringify(body) }],
        defaultContentType: 'application/json',
      }),
    )
    .use(httpErrorHandler())
  for (let index = 0; index < count; index++) {
    handler.use(middyMiddleware('sync', index) as MiddlewareObj<APIGatewayProxyEventV2>)
  }
  return handler
}
