import type { Context } from 'aws-lambda'
import type { Adapter } from '../../engine/adapter.js'
import { reportUnhandledError } from '../../errors/error-report.js'
import { isHttpError } from '../../errors/http-error.js'
import { InvalidEventError } from '../../errors/invalid-event-error.js'
import {
  type WebSocketEvent,
  type WebSocketRequest,
  WebSocketRequestObject,
  type WebSocketResult,
} from './websocket-request.js'

export type WebSocketHandler = (event: WebSocketEvent, context: Context) => Promise<WebSocketResult>

const internalError: WebSocketResult = {
  statusCode: 500,
  // A literal, not JSON.stringify(): a call at module load is one a bundler cannot drop from a function not using it.
  body: '{"error":{"type":"internal","message":"Internal error"}}',
}

/**
 * API Gateway WebSocket APIs: the chain runs once per event (`$connect`, `$disconnect`, `$default` or a custom
 * route's message); route them with `webSocketRoutes()`. The handler's result is the integration's answer: nothing
 * is `{ statusCode: 200 }`, a string is the body as it is, anything else its JSON (sent back to the client where
 * the route has a route response). A thrown 4xx `HttpError` answers with its status and JSON body (on `$connect`,
 * the connection is refused); anything else is a 500 naming nothing of it, logged whole. Post to other connections
 * with `postToConnection()`.
 */
export function webSocket(): Adapter<WebSocketRequest, WebSocketHandler> {
  return {
    name: 'websocket',
    async run(event, invocation, chain) {
      if (typeof event !== 'object' || event === null)
        throw new InvalidEventError('websocket', 'it is not an object')
      const request = new WebSocketRequestObject(invocation, event)
      try {
        const result = await chain(request)
        if (result === undefined || result === null) return { statusCode: 200 }
        return { statusCode: 200, body: typeof result === 'string' ? result : JSON.stringify(result) }
      } catch (error) {
        if (isHttpError(error) && error.status < 500) {
          return { statusCode: error.status, body: JSON.stringify(error.toResponseBody()) }
        }
        reportUnhandledError(error, invocation.context, 'WebSocket route failed', request, {
          route_key: request.routeKey,
          connection_id: request.connectionId,
        })
        return internalError
      }
    },
  }
}
