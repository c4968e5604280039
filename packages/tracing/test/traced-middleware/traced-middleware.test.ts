import { SpanStatusCode } from '@opentelemetry/api'
import { http, lambda, middleware } from '@tsumiki/core'
import { createContext, events } from '@tsumiki/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { tracedMiddleware, tracing } from '../../src/index.js'
import { type InMemoryTracing, parentIdOf, startInMemoryTracing } from '../support/in-memory-tracing.js'

let tracingOn: InMemoryTracing
beforeEach(() => {
  tracingOn = startInMemoryTracing()
})
afterEach(async () => {
  await tracingOn.stop()
})

const auth = middleware({
  name: 'auth',
  handle: (request: { readonly path: string }, next: (added: { user: string }) => unknown) => {
    if (request.path === '/denied') throw new Error('no user')
    return next({ user: 'ana' })
  },
})
const audit = middleware({ name: 'audit', handle: (_request, next) => next() })

describe('tracedMiddleware()', () => {
  it('gives each middleware asked for a span, nested as the onion is, and the others none', async () => {
    const handler = lambda(http())
      .use(tracing())
      .use(tracedMiddleware(auth))
      .use(audit)
      .handle(({ user }) => ({ user }))
    const response = await handler(events.http('apiGatewayV2', { path: '/orders' }), createContext())
    expect(JSON.parse(response.body ?? '')).toEqual({ user: 'ana' })
    const spans = tracingOn.spans()
    expect(spans.map((span) => span.name).sort()).toEqual(['GET', 'middleware auth'])
    const root = spans.find((span) => span.name === 'GET')
    expect(parentIdOf(spans.find((span) => span.name === 'middleware auth') as never)).toBe(
      root?.spanContext().spanId,
    )
  })

  it("records the middleware's failure on its span", async () => {
    const handler = lambda(http())
      .use(tracing())
      .use(tracedMiddleware(auth))
      .handle(({ user }) => ({ user }))
    expect(
      (await handler(events.http('apiGatewayV2', { path: '/denied' }), createContext())).statusCode,
    ).toBe(500)
    const span = tracingOn.spans().find((each) => each.name === 'middleware auth')
    expect(span?.status.code).toBe(SpanStatusCode.ERROR)
  })
})
