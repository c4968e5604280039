import type {
  ALBEvent,
  ALBResult,
  APIGatewayProxyEvent,
  APIGatewayProxyEventV2,
  APIGatewayProxyResult,
  APIGatewayProxyStructuredResultV2,
  Context,
  LambdaFunctionURLEvent,
  LambdaFunctionURLResult,
} from 'aws-lambda'
import type { Adapter, AnyLambdaHandler } from '../../engine/adapter.js'
import type { Invocation } from '../../engine/invocation.js'
import { RequestBase, type RequestCapabilities } from '../../engine/request.js'
import { checkOptions } from '../../options/check-options.js'
import { wholeNumber } from '../../options/option-rules.js'
import { emitSignal } from '../../signals/signals.js'
import { toAlbResult, toApiGatewayV1Result, toApiGatewayV2Result } from './format-response.js'
import type { HttpEvent, HttpRequest, HttpVariant } from './http-request.js'
import { readCaller } from './read-caller.js'
import {
  detectHttpVariant,
  type HttpHead,
  readBodyOf,
  readCookiesOf,
  readHeadersOf,
  readHttpHead,
  readPathParamsOf,
  readQueryOf,
  readSourceIpOf,
} from './read-http-event.js'
import { requestFingerprintOf } from './request-fingerprint.js'
import { partsFromError, partsFromResult, type ResponseParts } from './response-parts.js'

export type HttpResult = APIGatewayProxyResult | APIGatewayProxyStructuredResultV2 | ALBResult

/** A handler for any HTTP front door; it answers each in the format it was asked in. */
export type HttpHandler = (event: HttpEvent, context: Context) => Promise<HttpResult>
export type ApiGatewayV1Handler = (
  event: APIGatewayProxyEvent,
  context: Context,
) => Promise<APIGatewayProxyResult>
export type ApiGatewayV2Handler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>
export type FunctionUrlHandler = (
  event: LambdaFunctionURLEvent,
  context: Context,
) => Promise<LambdaFunctionURLResult>
export type AlbHandler = (event: ALBEvent, context: Context) => Promise<ALBResult>

/**
 * HTTP answers a client: a thrown `HttpError` is the answer, and the body says its media type. The client's
 * headers, principal and request are read only when a middleware asks.
 */
export const httpCapabilities: RequestCapabilities = {
  answersWithStatus: true,
  bodyContentType: (request) => (request as HttpRequest).headers['content-type'],
  headerOf(request, name) {
    const { headers } = request as HttpRequest
    const lowerCase = name.toLowerCase()
    return Object.hasOwn(headers, lowerCase) ? headers[lowerCase] : undefined
  },
  callerOf: (request) => readCaller((request as HttpRequest).event, (request as HttpRequest).variant),
  fingerprintOf: (request) => requestFingerprintOf(request as HttpRequest),
}

/**
 * The method, path and correlation id are read when the request is made; everything else on first read, then
 * kept: a handler that reads no header, query parameter or cookie pays for none.
 */
export class HttpRequestObject<TEvent> extends RequestBase<TEvent> implements HttpRequest<TEvent> {
  declare readonly kind: 'http'
  readonly variant: HttpVariant
  readonly method: string
  readonly path: string
  readonly #head: HttpHead
  #pathParams: Record<string, string> | undefined
  #query: { query: Record<string, string>; multiQuery: Record<string, string[]> } | undefined
  #headers: Record<string, string> | undefined
  #cookies: Record<string, string> | undefined
  #body: { readonly text: string | undefined } | undefined
  #sourceIp: { readonly ip: string | undefined } | undefined
  readonly #trustedProxies: number

  constructor(invocation: Invocation, event: TEvent, head: HttpHead, trustedProxies: number) {
    super(invocation, 'http', event, head.correlationId)
    this.variant = head.variant
    this.method = head.method
    this.path = head.path
    this.#head = head
    this.#trustedProxies = trustedProxies
  }

  override get capabilities(): RequestCapabilities {
    return httpCapabilities
  }

  get pathParams(): Record<string, string> {
    this.#pathParams ??= readPathParamsOf(this.#head)
    return this.#pathParams
  }

  /** The router narrows the parameters to its route's: a field store, where redefining the field costs ~10x more. */
  set pathParams(params: Record<string, string>) {
    this.#pathParams = params
  }

  get query(): Record<string, string> {
    this.#query ??= readQueryOf(this.#head)
    return this.#query.query
  }

  get multiQuery(): Record<string, string[]> {
    this.#query ??= readQueryOf(this.#head)
    return this.#query.multiQuery
  }

  get headers(): Record<string, string> {
    this.#headers ??= readHeadersOf(this.#head)
    return this.#headers
  }

  get cookies(): Record<string, string> {
    this.#cookies ??= readCookiesOf(this.#head, () => this.headers)
    return this.#cookies
  }

  get body(): string | undefined {
    this.#body ??= { text: readBodyOf(this.#head) }
    return this.#body.text
  }

  get sourceIp(): string | undefined {
    this.#sourceIp ??= { ip: readSourceIpOf(this.#head, () => this.headers, this.#trustedProxies) }
    return this.#sourceIp.ip
  }
}

/** Options of the adapters an ALB can call: `http()` and `alb()`. */
export interface HttpOptions {
  /**
   * How many proxies of your own (a CloudFront distribution, a WAF appliance...) sit in front of the ALB, each
   * appending its peer to `X-Forwarded-For`. ALB appends the last one, so `request.sourceIp` is the entry this many
   * places before the last: 0 (the default) takes the last entry, the only one a caller cannot write. Never set it
   * higher than the proxies really there: the entries before theirs are whatever the caller sent. API Gateway and
   * Function URLs give the address they saw, and ignore this.
   */
  readonly trustedProxies?: number | undefined
}

function httpAdapter<THandler extends AnyLambdaHandler, TEvent>(
  name: string,
  fixedVariant: HttpVariant | undefined,
  options: HttpOptions = {},
): Adapter<HttpRequest<TEvent>, THandler> {
  const trustedProxies = readTrustedProxies(name, options)
  return {
    name,
    async run(event, invocation, chain) {
      const head = readHttpHead(event, fixedVariant ?? detectHttpVariant(event))
      const request = new HttpRequestObject<TEvent>(invocation, event as TEvent, head, trustedProxies)
      let parts: ResponseParts
      try {
        parts = partsFromResult(await chain(request))
      } catch (error) {
        parts = partsFromError(error, invocation.context, request)
      }
      emitSignal(request, 'http.answer', { status: parts.status })
      return formatFor(head.variant, parts, head.multiValueHeaders) as never
    },
  }
}

function formatFor(variant: HttpVariant, parts: ResponseParts, multiValueHeaders: boolean): HttpResult {
  switch (variant) {
    case 'apiGatewayV1':
      return toApiGatewayV1Result(parts)
    case 'alb':
      return toAlbResult(parts, multiValueHeaders)
    default:
      return toApiGatewayV2Result(parts)
  }
}

/**
 * Any HTTP front door: API Gateway REST (v1) and HTTP API (v2), Function URLs and ALB, told apart by the event.
 * The handler returns a plain value (200 JSON), nothing (204) or `reply({ status, headers, body })`, and throws
 * `HttpError`s for 4xx answers.
 */
export function http(options?: HttpOptions): Adapter<HttpRequest<HttpEvent>, HttpHandler> {
  return httpAdapter('http', undefined, options)
}

export function apiGatewayV1(): Adapter<HttpRequest<APIGatewayProxyEvent>, ApiGatewayV1Handler> {
  return httpAdapter('apiGatewayV1', 'apiGatewayV1')
}

export function apiGatewayV2(): Adapter<HttpRequest<APIGatewayProxyEventV2>, ApiGatewayV2Handler> {
  return httpAdapter('apiGatewayV2', 'apiGatewayV2')
}

export function functionUrl(): Adapter<HttpRequest<LambdaFunctionURLEvent>, FunctionUrlHandler> {
  return httpAdapter('functionUrl', 'functionUrl')
}

export function alb(options?: HttpOptions): Adapter<HttpRequest<ALBEvent>, AlbHandler> {
  return httpAdapter('alb', 'alb', options)
}

export function readTrustedProxies(name: string, options: HttpOptions | undefined): number {
  checkOptions<HttpOptions>(`${name}()`, options, { trustedProxies: wholeNumber(0) })
  return options?.trustedProxies ?? 0
}
