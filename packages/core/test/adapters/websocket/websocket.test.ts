import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  HttpError,
  InvalidEventError,
  InvalidOptionError,
  lambda,
  middleware,
  setLogWriter,
  type WebSocketRequest,
  webSocket,
  webSocketRoutes,
} from '../../../src/index.js'
import { context, webSocketEvent } from '../../support/index.js'

const lines: string[] = []
let restore: () => void = () => {}
beforeEach(() => {
  lines.length = 0
  restore = setLogWriter((line) => lines.push(line))
})
afterEach(() => restore())

describe('webSocket()', () => {
  it('gives the route key, event type, connection id, domain and stage, and the message', async () => {
    let seen: WebSocketRequest | undefined
    const event = webSocketEvent('sendMessage')
    await lambda(webSocket()).handle((request) => {
      seen = request
    })(event, context())
    expect(seen).toMatchObject({
      kind: 'websocket',
      routeKey: 'sendMessage',
      eventType: 'MESSAGE',
      connectionId: 'd1HNycABoAMCJyQ=',
      domainName: 'abcd1234.execute-api.us-east-1.amazonaws.com',
      stage: 'production',
      body: '{"action":"sendMessage","text":"hi"}',
      headers: {},
      query: {},
      connectedAtMs: 1_733_600_000_000,
      sourceIp: '203.0.113.10',
      eventId: 'd1HNyf8GoAMCJyQ=',
      recordId: undefined,
      correlationId: 'd1HN0G9yIAMFcZw=',
    })
    expect(seen?.event).toBe(event)
  })

  it('gives $connect the handshake’s headers (lower-cased) and query, and no body', async () => {
    const event = webSocketEvent('$connect', {
      headers: { 'Sec-WebSocket-Version': '13', 'X-Correlation-Id': 'c-1' },
      queryStringParameters: { token: 't' },
    })
    const seen = await lambda(webSocket()).handle((request) => ({
      eventType: request.eventType,
      headers: request.headers,
      query: request.query,
      body: request.body ?? null,
      eventId: request.eventId ?? null,
      correlationId: request.correlationId,
      key: request.capabilities.headerOf(request, 'SEC-WEBSOCKET-VERSION'),
    }))(event, context())
    expect(JSON.parse((seen as { body: string }).body)).toEqual({
      eventType: 'CONNECT',
      headers: { 'sec-websocket-version': '13', 'x-correlation-id': 'c-1' },
      query: { token: 't' },
      body: null,
      eventId: null,
      correlationId: 'c-1',
      key: '13',
    })
  })

  it('decodes a base64 body', async () => {
    const event = webSocketEvent('$default', {
      body: Buffer.from('héllo').toString('base64'),
      isBase64Encoded: true,
    })
    await expect(lambda(webSocket()).handle(({ body }) => body)(event, context())).resolves.toEqual({
      statusCode: 200,
      body: 'héllo',
    })
  })

  it('answers nothing as 200, a string as it is, anything else as JSON', async () => {
    const answer = (value: unknown) =>
      lambda(webSocket()).handle(() => value)(webSocketEvent('$default'), context())
    await expect(answer(undefined)).resolves.toEqual({ statusCode: 200 })
    await expect(answer('pong')).resolves.toEqual({ statusCode: 200, body: 'pong' })
    await expect(answer({ ok: true })).resolves.toEqual({ statusCode: 200, body: '{"ok":true}' })
  })

  it('refuses a connection with a thrown 4xx HttpError’s status and body, logging nothing', async () => {
    const handler = lambda(webSocket()).handle(() => {
      throw new HttpError(401, 'No token')
    })
    await expect(handler(webSocketEvent('$connect'), context())).resolves.toEqual({
      statusCode: 401,
      body: JSON.stringify({ error: { type: 'unauthorized', message: 'No token' } }),
    })
    expect(lines).toEqual([])
  })

  it('answers anything else as a 500 naming nothing of it, logged once, whole', async () => {
    const handler = lambda(webSocket()).handle(() => {
      throw new Error('password=hunter2')
    })
    const answer = await handler(webSocketEvent('$default'), context())
    expect(answer.statusCode).toBe(500)
    expect(answer.body).not.toContain('hunter2')
    expect(lines).toHaveLength(1)
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({
      level: 'ERROR',
      route_key: '$default',
      connection_id: 'd1HNycABoAMCJyQ=',
      error: { message: 'password=hunter2' },
    })
  })

  it.each([
    ['not an object', 'x'],
    ['no requestContext', { body: 'x' }],
    ['no connection id', { requestContext: { routeKey: '$default', eventType: 'MESSAGE' } }],
    ['an unknown event type', { requestContext: { routeKey: 'a', eventType: 'OPEN', connectionId: 'c' } }],
  ])('refuses an event with %s with InvalidEventError, the chain not run', async (_name, event) => {
    let ran = false
    const handler = lambda(webSocket()).handle(() => {
      ran = true
    })
    await expect(handler(event as never, context())).rejects.toBeInstanceOf(InvalidEventError)
    expect(ran).toBe(false)
  })
})

describe('webSocketRoutes()', () => {
  const stamp = middleware<WebSocketRequest, { user: string }>({
    name: 'user',
    handle: (_request, next) => next({ user: 'ana' }),
  })
  const handler = lambda(webSocket()).handle(
    webSocketRoutes()
      .route('$connect', (route) => route.use(stamp).handle(({ user, eventType }) => `${eventType} ${user}`))
      .route('$disconnect', (route) => route.handle(({ eventType }) => eventType))
      .route('sendMessage', (route) => route.handle(({ body }) => JSON.parse(body ?? '{}')))
      .route('$default', (route) => route.handle(() => 'default')),
  )

  it('routes each route key to its own chain', async () => {
    await expect(handler(webSocketEvent('$connect'), context())).resolves.toEqual({
      statusCode: 200,
      body: 'CONNECT ana',
    })
    await expect(handler(webSocketEvent('$disconnect'), context())).resolves.toEqual({
      statusCode: 200,
      body: 'DISCONNECT',
    })
    await expect(handler(webSocketEvent('sendMessage'), context())).resolves.toEqual({
      statusCode: 200,
      body: '{"action":"sendMessage","text":"hi"}',
    })
    await expect(handler(webSocketEvent('$default'), context())).resolves.toEqual({
      statusCode: 200,
      body: 'default',
    })
  })

  it('answers a route key without a route as a 500, logged as the wiring fault it is', async () => {
    await expect(handler(webSocketEvent('other'), context())).resolves.toMatchObject({ statusCode: 500 })
    expect(lines.join('')).toContain('no route for other')
  })

  it('refuses a route declared twice, an empty key, a declaration that is not a route', () => {
    expect(() =>
      webSocketRoutes()
        .route('a', (r) => r.handle(() => 1))
        .route('a', (r) => r.handle(() => 1)),
    ).toThrow(InvalidOptionError)
    expect(() => webSocketRoutes().route('', (r) => r.handle(() => 1))).toThrow(InvalidOptionError)
    expect(() => webSocketRoutes().route('a', (() => ({})) as never)).toThrow(InvalidOptionError)
  })
})
