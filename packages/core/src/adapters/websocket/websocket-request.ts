import type { Invocation } from '../../engine/invocation.js'
import { type InvocationRequest, RequestBase, type RequestCapabilities } from '../../engine/request.js'
import { setOwn } from '../../engine/set-own.js'
import { InvalidEventError } from '../../errors/invalid-event-error.js'
import { isRecord } from '../http/read-query.js'

/** What API Gateway sends a WebSocket API's Lambda integration: `$connect`, `$disconnect`, `$default` or a route's. */
export interface WebSocketEvent {
  readonly requestContext: {
    readonly routeKey: string
    readonly eventType: 'CONNECT' | 'MESSAGE' | 'DISCONNECT'
    readonly connectionId: string
    readonly domainName: string
    readonly stage: string
    readonly apiId?: string
    readonly requestId?: string
    readonly messageId?: string
    readonly connectedAt?: number
    readonly requestTimeEpoch?: number
    readonly identity?: { readonly sourceIp?: string; readonly userArn?: string | null }
    readonly authorizer?: { readonly principalId?: string; readonly [key: string]: unknown }
    readonly disconnectStatusCode?: number
    readonly disconnectReason?: string
  }
  /** `$connect` only: the handshake's headers and query string. */
  readonly headers?: Readonly<Record<string, string | undefined>>
  readonly queryStringParameters?: Readonly<Record<string, string | undefined>> | null
  readonly body?: string | null
  readonly isBase64Encoded?: boolean
}

/** What the integration answers: for `$connect`, a status other than 2xx refuses the connection. */
export interface WebSocketResult {
  readonly statusCode: number
  readonly body?: string
}

/** The event type a route key is delivered with: `$connect` and `$disconnect` their own, every other a message. */
export type EventTypeOf<TRouteKey extends string> = TRouteKey extends '$connect'
  ? 'CONNECT'
  : TRouteKey extends '$disconnect'
    ? 'DISCONNECT'
    : string extends TRouteKey
      ? 'CONNECT' | 'MESSAGE' | 'DISCONNECT'
      : 'MESSAGE'

/** One WebSocket event: a connection opened or closed, or a message on a route. */
export interface WebSocketRequest<TRouteKey extends string = string>
  extends InvocationRequest<WebSocketEvent> {
  readonly kind: 'websocket'
  readonly routeKey: TRouteKey
  readonly eventType: EventTypeOf<TRouteKey>
  readonly connectionId: string
  /** The API's domain and stage: where `postToConnection()` reaches the connection (`https://<domain>/<stage>`). */
  readonly domainName: string
  readonly stage: string
  /** The message as text, base64-decoded; undefined for `$connect` and `$disconnect`. */
  readonly body: string | undefined
  /** The handshake's headers, names in lower case (`$connect` only; empty otherwise). */
  readonly headers: Readonly<Record<string, string>>
  /** The handshake's query string (`$connect` only; empty otherwise). */
  readonly query: Readonly<Record<string, string>>
  readonly connectedAtMs: number | undefined
  readonly sourceIp: string | undefined
}

const webSocketCapabilities: RequestCapabilities = {
  answersWithStatus: true,
  bodyContentType: () => undefined,
  headerOf: (request, name) => (request as WebSocketRequest).headers[name.toLowerCase()],
  callerOf: (request) => {
    const { authorizer, identity } = (request as WebSocketRequest).event.requestContext
    if (typeof authorizer?.principalId === 'string') return JSON.stringify(['lambda', authorizer.principalId])
    if (typeof identity?.userArn === 'string') return JSON.stringify(['iam', identity.userArn])
    return undefined
  },
  // A message has its own id; a connection opened or closed is told apart by the connection and the route.
  fingerprintOf: (request) => {
    const { routeKey, connectionId, body } = request as WebSocketRequest
    return JSON.stringify([routeKey, connectionId, body ?? null])
  },
}

export class WebSocketRequestObject<TRouteKey extends string>
  extends RequestBase<WebSocketEvent>
  implements WebSocketRequest<TRouteKey>
{
  declare readonly kind: 'websocket'
  readonly routeKey: TRouteKey
  readonly eventType: EventTypeOf<TRouteKey>
  readonly connectionId: string
  readonly domainName: string
  readonly stage: string
  readonly body: string | undefined
  readonly headers: Readonly<Record<string, string>>
  readonly query: Readonly<Record<string, string>>
  readonly connectedAtMs: number | undefined
  readonly sourceIp: string | undefined

  constructor(invocation: Invocation, event: WebSocketEvent) {
    const context: unknown = isRecord(event) ? event.requestContext : undefined
    if (
      !isRecord(context) ||
      typeof context.routeKey !== 'string' ||
      typeof context.connectionId !== 'string' ||
      !['CONNECT', 'MESSAGE', 'DISCONNECT'].includes(context.eventType as string)
    ) {
      throw new InvalidEventError(
        'websocket',
        'it has no requestContext.routeKey, eventType and connectionId',
      )
    }
    const requestContext = context as unknown as WebSocketEvent['requestContext']
    const headers = ownStrings(event.headers, true)
    const messageId = typeof requestContext.messageId === 'string' ? requestContext.messageId : undefined
    const requestId = typeof requestContext.requestId === 'string' ? requestContext.requestId : undefined
    super(invocation, 'websocket', event, headers['x-correlation-id'] ?? requestId, messageId)
    this.routeKey = requestContext.routeKey as TRouteKey
    this.eventType = requestContext.eventType as EventTypeOf<TRouteKey>
    this.connectionId = requestContext.connectionId
    this.domainName = typeof requestContext.domainName === 'string' ? requestContext.domainName : ''
    this.stage = typeof requestContext.stage === 'string' ? requestContext.stage : ''
    this.body = readBody(event)
    this.headers = headers
    this.query = ownStrings(event.queryStringParameters, false)
    this.connectedAtMs = Number.isFinite(requestContext.connectedAt) ? requestContext.connectedAt : undefined
    const sourceIp = isRecord(requestContext.identity) ? requestContext.identity.sourceIp : undefined
    this.sourceIp = typeof sourceIp === 'string' ? sourceIp : undefined
  }

  override get capabilities(): RequestCapabilities {
    return webSocketCapabilities
  }
}

function readBody(event: WebSocketEvent): string | undefined {
  if (typeof event.body !== 'string') return undefined
  if (event.isBase64Encoded !== true) return event.body
  // Node's base64 decoder skips what is not base64 rather than throwing: a malformed body is read as far as it goes.
  return Buffer.from(event.body, 'base64').toString('utf8')
}

function ownStrings(values: unknown, lowerCase: boolean): Record<string, string> {
  const read: Record<string, string> = {}
  if (!isRecord(values)) return read
  for (const [name, value] of Object.entries(values)) {
    // A name `__proto__` is data: setOwn keeps it off the prototype.
    if (typeof value === 'string') setOwn(read, lowerCase ? name.toLowerCase() : name, value)
  }
  return read
}
