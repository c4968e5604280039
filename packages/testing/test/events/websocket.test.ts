import { describe, expect, it } from 'vitest'
import { events } from '../../src/index.js'

describe('events.webSocket', () => {
  it('makes a $connect event with the handshake’s headers and no body', () => {
    const event = events.webSocket('$connect')
    expect(event.requestContext).toMatchObject({
      routeKey: '$connect',
      eventType: 'CONNECT',
      messageDirection: 'IN',
      stage: 'production',
    })
    expect(event.requestContext.domainName).toMatch(/^[a-z0-9]{10}\.execute-api\.us-east-1\.amazonaws\.com$/)
    expect(event.headers).toMatchObject({
      'Sec-WebSocket-Version': '13',
      Host: event.requestContext.domainName,
    })
    expect(event.body).toBeUndefined()
    expect(event.requestContext.requestTime).toMatch(/^\d{2}\/\w{3}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/)
  })

  it('makes a message on any route key, its body given as JSON, with a message id', () => {
    const event = events.webSocket('sendMessage', { json: { action: 'sendMessage', text: 'hi' } })
    expect(event.requestContext).toMatchObject({ routeKey: 'sendMessage', eventType: 'MESSAGE' })
    expect(event.requestContext.messageId).toEqual(expect.any(String))
    expect(event.body).toBe('{"action":"sendMessage","text":"hi"}')
    expect(event.headers).toBeUndefined()
  })

  it('makes a $disconnect event saying why, and takes overrides at any depth', () => {
    const event = events.webSocket('$disconnect', { requestContext: { connectionId: 'c-1', stage: 'dev' } })
    expect(event.requestContext).toMatchObject({
      eventType: 'DISCONNECT',
      disconnectStatusCode: 1001,
      disconnectReason: 'Going away',
      connectionId: 'c-1',
      stage: 'dev',
    })
  })
})
