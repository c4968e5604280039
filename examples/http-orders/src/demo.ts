/**
 * `pnpm demo`: runs the orders function locally, the way Lambda would call it, and prints what a client and
 * CloudWatch would see. No AWS account needed.
 */
import { createContext, events } from '@tsumiki/testing'
import { handler } from './handler.js'

const heading = (text: string) => console.log(`\n\x1b[1m▶ ${text}\x1b[0m`)

async function call(title: string, event: Parameters<typeof handler>[0]): Promise<void> {
  heading(title)
  const response = await handler(event, createContext({ functionName: 'orders-api' }))
  const { statusCode, body } = response as { statusCode: number; body?: string }
  console.log(`← HTTP ${statusCode}`)
  if (body) console.log(JSON.stringify(JSON.parse(body), null, 2))
}

await call(
  'POST /orders with a valid order (log line above the response)',
  events.http('apiGatewayV2', {
    method: 'POST',
    path: '/orders',
    headers: { 'x-correlation-id': 'demo-1' },
    body: { customerId: 'c-42', items: [{ sku: 'tsumiki-blocks', qty: 2 }] },
  }),
)
await call(
  'POST /orders with an invalid order: 422 naming each field',
  events.http('apiGatewayV2', {
    method: 'POST',
    path: '/orders',
    body: { customerId: '', items: [{ sku: 'tsumiki-blocks', qty: 0 }] },
  }),
)
await call(
  'POST /orders with a body that is not JSON: 400',
  events.http('apiGatewayV2', {
    method: 'POST',
    path: '/orders',
    headers: { 'content-type': 'application/json' },
    body: '{"customerId": ',
  }),
)
await call(
  'GET /orders/{id} of an order that does not exist: 404 from onError',
  events.http('apiGatewayV2', { method: 'GET', path: '/orders/o-404' }),
)
await call(
  'The same function behind an ALB, REST API or Function URL answers in that format: DELETE → 405',
  events.http('alb', { method: 'DELETE', path: '/orders' }),
)
