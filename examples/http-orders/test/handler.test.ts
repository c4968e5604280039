import { captureLogs, createContext, events, invoke, type LogCapture } from '@tsumiki/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { handler } from '../src/handler.js'

const validOrder = { customerId: 'c-42', items: [{ sku: 'tsumiki-blocks', qty: 2 }] }

describe('the orders handler, invoked as Lambda would', () => {
  // The logger writes synchronously to fd 1; the lines come here instead, parsed, for the tests to read.
  let logs: LogCapture
  beforeEach(() => {
    logs = captureLogs()
  })
  afterEach(() => logs.stop())

  it('answers 201 with the order and its location', async () => {
    const response = await invoke(
      handler,
      events.http('apiGatewayV2', { method: 'POST', path: '/orders', body: validOrder }),
    )
    expect(response.statusCode).toBe(201)
    const order = JSON.parse(String(response.body))
    expect(order).toMatchObject({ customerId: 'c-42', totalQty: 2 })
    expect(response.headers?.location).toBe(`/orders/${order.id}`)
    expect(logs.lines).toEqual([
      expect.objectContaining({ level: 'INFO', message: 'order placed', orderId: order.id, totalQty: 2 }),
    ])
  })

  it('answers 422 naming every invalid field', async () => {
    const response = await invoke(
      handler,
      events.http('apiGatewayV2', {
        method: 'POST',
        path: '/orders',
        body: { customerId: '', items: [{ sku: 'a', qty: 0 }] },
      }),
    )
    expect(response.statusCode).toBe(422)
    const { error } = JSON.parse(String(response.body))
    expect(error.type).toBe('validation')
    expect(error.issues.map((issue: { path: string }) => issue.path).sort()).toEqual([
      'body.customerId',
      'body.items[0].qty',
    ])
    // A 4xx is an answer, logged at info level: no ERROR line for a client's mistake.
    expect(logs.lines.map((line) => line.level)).toEqual(['INFO'])
  })

  it('answers 400 to a body that is not JSON', async () => {
    const response = await invoke(
      handler,
      events.http('apiGatewayV2', {
        method: 'POST',
        path: '/orders',
        headers: { 'content-type': 'application/json' },
        body: '{"customerId": ',
      }),
    )
    expect(response.statusCode).toBe(400)
  })

  it('answers 405 with an allow header for a method no route serves, behind an ALB too', async () => {
    const response = await invoke(
      handler,
      events.http('alb', { method: 'DELETE', path: '/orders' }),
      createContext(),
    )
    expect(response.statusCode).toBe(405)
    expect(response.headers?.allow).toBe('OPTIONS, POST')
  })

  it('reads back a placed order by its id, behind every front door', async () => {
    const placed = await invoke(
      handler,
      events.http('apiGatewayV1', { method: 'POST', path: '/orders', body: validOrder }),
    )
    const { id } = JSON.parse(String(placed.body))
    for (const variant of ['apiGatewayV1', 'apiGatewayV2', 'functionUrl', 'alb'] as const) {
      const response = await invoke(handler, events.http(variant, { path: `/orders/${id}` }))
      expect(response.statusCode).toBe(200)
      expect(JSON.parse(String(response.body))).toMatchObject({ id, totalQty: 2 })
    }
  })

  it('maps an unknown order to 404 through onError', async () => {
    const response = await invoke(handler, events.http('apiGatewayV2', { path: '/orders/nope' }))
    expect(response.statusCode).toBe(404)
    expect(JSON.parse(String(response.body))).toEqual({
      error: { type: 'order_not_found', message: 'There is no order nope' },
    })
  })

  it('answers a CORS preflight from the shop without running a route', async () => {
    const response = await invoke(
      handler,
      events.http('apiGatewayV2', {
        method: 'OPTIONS',
        path: '/orders',
        headers: { origin: 'https://shop.example.com', 'access-control-request-method': 'POST' },
      }),
    )
    expect(response.statusCode).toBe(204)
    expect(response.headers).toMatchObject({
      'access-control-allow-origin': 'https://shop.example.com',
      'access-control-max-age': '600',
    })
  })
})
