import type { WebSocketEvent } from '../../src/index.js'

/** A WebSocket API event as AWS's samples have it: the handshake's headers on `$connect`, a body on messages. */
export function webSocketEvent(routeKey: string, overrides: Partial<WebSocketEvent> = {}): WebSocketEvent {
  const eventType =
    routeKey === '$connect' ? 'CONNECT' : routeKey === '$disconnect' ? 'DISCONNECT' : 'MESSAGE'
  return {
    requestContext: {
      routeKey,
      eventType,
      ...(eventType === 'MESSAGE' ? { messageId: 'd1HNyf8GoAMCJyQ=' } : {}),
      stage: 'production',
      connectedAt: 1_733_600_000_000,
      requestTimeEpoch: 1_733_600_001_000,
      identity: { sourceIp: '203.0.113.10' },
      requestId: 'd1HN0G9yIAMFcZw=',
      domainName: 'abcd1234.execute-api.us-east-1.amazonaws.com',
      connectionId: 'd1HNycABoAMCJyQ=',
      apiId: 'abcd1234',
    },
    isBase64Encoded: false,
    ...(eventType === 'CONNECT'
      ? { headers: { Host: 'abcd1234.execute-api.us-east-1.amazonaws.com', 'Sec-WebSocket-Version': '13' } }
      : {}),
    ...(eventType === 'MESSAGE' ? { body: '{"action":"sendMessage","text":"hi"}' } : {}),
    ...overrides,
  }
}
