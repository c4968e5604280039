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
import type { Adapter, AnyLambdaHandler } from '../../adapter.js'
import type { Invocation } from '../../invocation.js'
import { RequestBase } from '../../request.js'
import { toAlbResult, toApiGatewayV1Result, toApiGatewayV2Result } from './format-response.js'
import type { HttpEvent, HttpRequest, HttpVariant } from './http-request.js'
import { detectHttpVariant, type HttpFields, readHttpEvent } from './read-http-event.js'
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

class HttpRequestObject<TEvent> extends RequestBase<TEvent> implements HttpRequest<TEvent> {
  declare readonly kind: 'http'
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

  constructor(invocation: Invocation, event: TEvent, fields: HttpFields) {
    const { headers } = fields
    super(
      invocation,
      'http',
      event,
      headers['x-correlation-id'] ?? headers['x-request-id'] ?? fields.requestId,
    )
    this.variant = fields.variant
    this.method = fields.method
    this.path = fields.path
    this.pathParams = fields.pathParams
    this.query = fields.query
    this.multiQuery = fields.multiQuery
    this.headers = headers
    this.cookies = fields.cookies
    this.body = fields.body
    this.sourceIp = fields.sourceIp
  }
}

function httpAdapter<THandler extends AnyLambdaHandler, TEvent>(
  name: string,
  fixedVariant: HttpVariant | undefined,
): Adapter<HttpRequest<TEvent>, THandler> {
  return {
    name,
    async run(event, invocation, chain) {
      const variant = fixedVariant ?? detectHttpVariant(event)
      const fields = readHttpEvent(event, variant)
      const request = new HttpRequestObject<TEvent>(invocation, event as TEvent, fields)
      let parts: ResponseParts
      try {
        parts = partsFromResult(await chain(request))
      } catch (error) {
        parts = partsFromError(error, invocation.context)
      }
      return formatFor(variant, parts, fields.multiValueHeaders) as never
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
export function http(): Adapter<HttpRequest<HttpEvent>, HttpHandler> {
  return httpAdapter('http', undefined)
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

export function alb(): Adapter<HttpRequest<ALBEvent>, AlbHandler> {
  return httpAdapter('alb', 'alb')
}
