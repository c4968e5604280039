import type {
  ALBEvent,
  APIGatewayProxyEvent,
  APIGatewayProxyEventV2,
  LambdaFunctionURLEvent,
} from 'aws-lambda'
import type { InvocationRequest } from '../../engine/request.js'

/** Which HTTP front door invoked the function; each has its own event and response format. */
export type HttpVariant = 'apiGatewayV1' | 'apiGatewayV2' | 'functionUrl' | 'alb'

export type HttpEvent = APIGatewayProxyEvent | APIGatewayProxyEventV2 | LambdaFunctionURLEvent | ALBEvent

/** One HTTP request, read the same way whichever front door delivered it. */
export interface HttpRequest<TEvent = HttpEvent> extends InvocationRequest<TEvent> {
  readonly kind: 'http'
  readonly variant: HttpVariant
  /** Upper-case, e.g. `POST`. */
  readonly method: string
  readonly path: string
  /** The route's path parameters (API Gateway); empty for ALB and Function URLs. */
  readonly pathParams: Readonly<Record<string, string>>
  /** The first value of each query parameter, decoded. */
  readonly query: Readonly<Record<string, string>>
  /** Every value of each query parameter, decoded, in order. */
  readonly multiQuery: Readonly<Record<string, readonly string[]>>
  /** Lower-cased names; repeated headers joined with `, `. */
  readonly headers: Readonly<Record<string, string>>
  readonly cookies: Readonly<Record<string, string>>
  /** The body as text, base64-decoded when the event says it was encoded. */
  readonly body: string | undefined
  readonly sourceIp: string | undefined
}
