import type { APIGatewayProxyWebsocketEventV2 } from 'aws-lambda'
import { defaultRegion } from '../aws-values/aws-defaults.js'
import { randomAlphanumeric, randomBase64, randomTraceHeader } from '../aws-values/random-ids.js'
import { deepMerge } from '../deep-merge/deep-merge.js'
import type { DeepPartial } from '../deep-merge/deep-partial.js'
import { formatRequestTime } from './request-time.js'

/** A WebSocket API event as API Gateway sends it: `$connect` carries the handshake's headers, `$disconnect` why. */
export type WebSocketApiEvent = APIGatewayProxyWebsocketEventV2 & {
  headers?: Record<string, string>
  multiValueHeaders?: Record<string, string[]>
  requestContext: APIGatewayProxyWebsocketEventV2['requestContext'] & {
    identity: { sourceIp: string; userAgent?: string }
    disconnectStatusCode?: number
    disconnectReason?: string
  }
}

/** The overrides, plus `json`: a message body given as a value, sent as its JSON text. */
export type WebSocketOverrides = DeepPartial<WebSocketApiEvent> & { readonly json?: unknown }

/**
 * A WebSocket API event, as AWS's samples have it: `$connect` (the handshake's headers), `$disconnect` (1001,
 * going away) or any other route key, a message (`{"action":"sendMessage"}` unless `body` or `json` says otherwise),
 * on stage `production` of `<api-id>.execute-api.us-east-1.amazonaws.com`, from one connection id per call.
 */
export function webSocket(routeKey = '$default', overrides: WebSocketOverrides = {}): WebSocketApiEvent {
  const { json, ...eventOverrides } = overrides
  const apiId = randomAlphanumeric(10, 'lower')
  const domainName = `${apiId}.execute-api.${defaultRegion}.amazonaws.com`
  const nowMs = Date.now()
  const eventType =
    routeKey === '$connect' ? 'CONNECT' : routeKey === '$disconnect' ? 'DISCONNECT' : 'MESSAGE'
  const defaults: WebSocketApiEvent = {
    requestContext: {
      routeKey,
      eventType,
      ...(eventType === 'MESSAGE' ? { messageId: `${randomAlphanumeric(14)}=` } : {}),
      extendedRequestId: `${randomAlphanumeric(14)}=`,
      requestTime: formatRequestTime(new Date(nowMs)),
      messageDirection: 'IN',
      stage: 'production',
      connectedAt: nowMs - 1_000,
      requestTimeEpoch: nowMs,
      identity: { sourceIp: '203.0.113.10' },
      requestId: `${randomAlphanumeric(14)}=`,
      domainName,
      connectionId: `${randomAlphanumeric(14)}=`,
      apiId,
      ...(eventType === 'DISCONNECT' ? { disconnectStatusCode: 1001, disconnectReason: 'Going away' } : {}),
    } as WebSocketApiEvent['requestContext'],
    isBase64Encoded: false,
    ...(eventType === 'CONNECT'
      ? {
          headers: {
            Host: domainName,
            'Sec-WebSocket-Extensions': 'permessage-deflate; client_max_window_bits',
            'Sec-WebSocket-Key': randomBase64(16),
            'Sec-WebSocket-Version': '13',
            'X-Amzn-Trace-Id': randomTraceHeader(nowMs),
            'X-Forwarded-For': '203.0.113.10',
            'X-Forwarded-Port': '443',
            'X-Forwarded-Proto': 'https',
          },
        }
      : {}),
    ...(eventType === 'MESSAGE'
      ? { body: json === undefined ? JSON.stringify({ action: 'sendMessage' }) : JSON.stringify(json) }
      : {}),
  }
  return deepMerge(defaults, eventOverrides as DeepPartial<WebSocketApiEvent>)
}
