import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api'
import { http, httpErrors, lambda, registerSensitiveValue, router } from '@tsumiki/core'
import { createContext, events } from '@tsumiki/testing'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { tracing } from '../../src/index.js'
import { type InMemoryTracing, parentIdOf, startInMemoryTracing } from '../support/in-memory-tracing.js'

let tracingOn: InMemoryTracing
beforeEach(() => {
  tracingOn = startInMemoryTracing()
})
afterEach(async () => {
  await tracingOn.stop()
  vi.unstubAllEnvs()
})

const callerTraceId = '4bf92f3577b34da6a3ce929d0e0e4736'
const callerSpanId = '00f067aa0ba902b7'
const xRayHeader = 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1'

const orders = router().get('/orders/{id}', (route) =>
  route.handle(({ pathParams }) => ({ id: pathParams.id })),
)

describe('the invocation span', () => {
  it('is named by the route template, continues the caller traceparent and carries the FaaS attributes', async () => {
    vi.stubEnv('AWS_REGION', 'eu-west-1')
    const handler = lambda(http()).use(tracing()).handle(orders)
    const event = events.http('apiGatewayV2', {
      method: 'GET',
      path: '/orders/o-7',
      headers: { traceparent: `00-${callerTraceId}-${callerSpanId}-01`, tracestate: 'vendor=a' },
    })
    const context = createContext({ functionName: 'orders', awsRequestId: 'req-1', memoryLimitInMB: 256 })
    const response = await handler(event, context)
    expect(response.statusCode).toBe(200)
    const [span, ...others] = tracingOn.spans()
    expect(others).toEqual([])
    expect(span?.name).toBe('GET /orders/{id}')
    expect(span?.kind).toBe(SpanKind.SERVER)
    expect(span?.spanContext().traceId).toBe(callerTraceId)
    expect(parentIdOf(span as never)).toBe(callerSpanId)
    expect(span?.parentSpanContext?.traceState?.get('vendor')).toBe('a')
    expect(span?.attributes).toMatchObject({
      'faas.trigger': 'http',
      'faas.invocation_id': 'req-1',
      'faas.coldstart': true,
      'faas.name': 'orders',
      'faas.max_memory': 256 * 1024 * 1024,
      'cloud.provider': 'aws',
      'cloud.platform': 'aws_lambda',
      'cloud.region': 'eu-west-1',
      'cloud.account.id': '123456789012',
      'http.request.method': 'GET',
      'http.route': '/orders/{id}',
      'http.response.status_code': 200,
    })
    expect(span?.status.code).toBe(SpanStatusCode.UNSET)
  })

  it('continues the X-Ray trace of the invocation when no traceparent came', async () => {
    const handler = lambda(http()).use(tracing()).handle(orders)
    const context = Object.assign(createContext(), { xRayTraceId: xRayHeader })
    await handler(events.http('apiGatewayV2', { method: 'GET', path: '/orders/1' }), context)
    const [span] = tracingOn.spans()
    expect(span?.spanContext().traceId).toBe('5759e988bd862e3fe1be46a994272793')
    expect(parentIdOf(span as never)).toBe('53995c3f42cd8ad8')
    expect(span?.spanContext().traceFlags).toBe(1)
  })

  it('starts a new, recorded trace under an X-Ray header that is not sampled (Lambda without active tracing)', async () => {
    const handler = lambda(http())
      .use(tracing())
      .handle(() => 'ok')
    const context = Object.assign(createContext(), {
      xRayTraceId: xRayHeader.replace('Sampled=1', 'Sampled=0'),
    })
    await handler(events.http('apiGatewayV2'), context)
    const [span] = tracingOn.spans()
    expect(span?.parentSpanContext).toBeUndefined()
    expect(span?.spanContext().traceId).not.toBe('5759e988bd862e3fe1be46a994272793')
  })

  it('starts a new trace from a malformed traceparent and no X-Ray header', async () => {
    vi.stubEnv('_X_AMZN_TRACE_ID', '')
    const handler = lambda(http())
      .use(tracing())
      .handle(() => 'ok')
    const event = events.http('apiGatewayV2', {
      headers: { traceparent: `ff-${callerTraceId}-${callerSpanId}-01` },
    })
    await handler(event, createContext())
    const [span] = tracingOn.spans()
    expect(span?.parentSpanContext).toBeUndefined()
    expect(span?.spanContext().traceId).not.toBe(callerTraceId)
    expect(span?.name).toBe('GET')
  })

  it('records a failure with an ERROR status, without a registered secret, and a 4xx answer without one', async () => {
    registerSensitiveValue('hunter2-secret-value')
    const handler = lambda(http())
      .use(tracing())
      .handle(({ path }) => {
        if (path === '/missing') throw httpErrors.notFound('no such order')
        throw new Error('database password hunter2-secret-value refused')
      })
    expect((await handler(events.http('apiGatewayV2', { path: '/boom' }), createContext())).statusCode).toBe(
      500,
    )
    expect(
      (await handler(events.http('apiGatewayV2', { path: '/missing' }), createContext())).statusCode,
    ).toBe(404)
    const [failed, missing] = tracingOn.spans()
    expect(failed?.status.code).toBe(SpanStatusCode.ERROR)
    expect(failed?.attributes['http.response.status_code']).toBe(500)
    const exception = failed?.events.find((event) => event.name === 'exception')
    expect(exception?.attributes?.['exception.message']).toMatch(/refused/)
    expect(JSON.stringify([failed?.attributes, failed?.events, failed?.status])).not.toContain(
      'hunter2-secret-value',
    )
    expect(missing?.status.code).toBe(SpanStatusCode.UNSET)
    expect(missing?.attributes['http.response.status_code']).toBe(404)
  })

  it('records the deadline cut-off on the span, and the span is exported before the answer', async () => {
    const handler = lambda(http(), { deadlineMarginMs: 500 })
      .use(tracing())
      .handle(() => new Promise(() => {}))
    const response = await handler(events.http('apiGatewayV2'), createContext({ remainingMs: 520 }))
    expect(response.statusCode).toBe(504)
    const [span] = tracingOn.spans()
    expect(span?.status.code).toBe(SpanStatusCode.ERROR)
    expect(span?.attributes['tsumiki.deadline_cut']).toBe(true)
    expect(span?.attributes['http.response.status_code']).toBe(504)
  })

  it('makes the handler child spans of the invocation span', async () => {
    const handler = lambda(http())
      .use(tracing())
      .handle(async () => {
        await trace.getTracer('app').startActiveSpan('load order', async (span) => {
          await Promise.resolve()
          span.end()
        })
        return 'ok'
      })
    await handler(events.http('apiGatewayV2'), createContext())
    const child = tracingOn.spans().find((span) => span.name === 'load order')
    const root = tracingOn.spans().find((span) => span.name === 'GET')
    expect(parentIdOf(child as never)).toBe(root?.spanContext().spanId)
  })
})

describe('without a provider', () => {
  it('runs the chain and records nothing', async () => {
    await tracingOn.stop()
    const handler = lambda(http())
      .use(tracing())
      .handle(() => 'ok')
    expect((await handler(events.http('apiGatewayV2'), createContext())).statusCode).toBe(200)
    expect(tracingOn.spans()).toEqual([])
    tracingOn = startInMemoryTracing()
  })
})
