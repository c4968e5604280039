import type { Context } from 'aws-lambda'
import { describe, expect, it } from 'vitest'
import { type HttpEvent, type HttpRequest, http, lambda } from '../../../src/index.js'
import {
  albEvent,
  apiGatewayV1Event,
  apiGatewayV2Event,
  context,
  functionUrlEvent,
  readResponse,
} from '../../support/index.js'

async function requestFor(event: HttpEvent, ctx: Context = context()): Promise<HttpRequest> {
  let seen: HttpRequest | undefined
  const handler = lambda(http()).handle((request) => {
    seen = request
  })
  expect(readResponse(await handler(event, ctx)).status).toBe(204)
  if (seen === undefined) throw new Error('the handler did not run')
  return seen
}

describe('headers', () => {
  it('joins the string values of a repeated header, skips other values, and lower-cases names', async () => {
    const event = apiGatewayV1Event({})
    event.headers = { 'X-Single': 'one', Accept: 'ignored: the multi-value map has it' }
    event.multiValueHeaders = {
      Accept: ['text/html', 7 as never, 'application/json'],
      'X-Empty': [],
      'X-Numbers': [1 as never],
      'X-Not-A-List': 'text' as never,
    }
    const request = await requestFor(event)
    expect(request.headers).toEqual({ accept: 'text/html, application/json', 'x-single': 'one' })
  })

  it('keeps the first of two single-value names that differ only in case', async () => {
    const event = albEvent({})
    event.headers = { 'X-Tenant': 'first', 'x-tenant': 'second', 'x-number': 5 as never }
    expect((await requestFor(event)).headers).toEqual({ 'x-tenant': 'first' })
  })
})

describe('correlation id', () => {
  it('prefers x-correlation-id, then x-request-id, in any case, from either header map', async () => {
    const both = apiGatewayV1Event({})
    both.headers = { 'X-Request-Id': 'req-1', 'X-Correlation-Id': 'corr-1' }
    both.multiValueHeaders = {}
    expect((await requestFor(both)).correlationId).toBe('corr-1')

    const multi = apiGatewayV1Event({})
    multi.headers = { 'x-correlation-id': 'single' }
    multi.multiValueHeaders = { 'X-Correlation-ID': ['a', 'b'], 'x-request-id': ['r'] }
    expect((await requestFor(multi)).correlationId).toBe('a, b')

    const requestIdOnly = apiGatewayV1Event({})
    requestIdOnly.headers = { 'x-request-id': 'r-9', 'x-other-header': 'x', 'x-correlation': 'no' }
    requestIdOnly.multiValueHeaders = { 'x-correlation-id': [3 as never], 'x-request-xx': ['no'] }
    expect((await requestFor(requestIdOnly)).correlationId).toBe('r-9')
  })
})

describe('cookies', () => {
  it('trims names and values, decodes percent escapes, and keeps a value whose escape is malformed', async () => {
    const request = await requestFor(
      apiGatewayV2Event({
        cookies: [' theme = dark ', 'cart=%7B%22n%22%3A2%7D', 'bad=%E0%A4%A', '"=x', 'e='],
      }),
    )
    expect(request.cookies).toEqual({ theme: 'dark', cart: '{"n":2}', bad: '%E0%A4%A', '"': 'x', e: '' })
  })

  it('unquotes only a value quoted at both ends', async () => {
    const request = await requestFor(apiGatewayV2Event({ cookies: ['a="x"', 'b="x', 'c="', 'd=""'] }))
    expect(request.cookies).toEqual({ a: 'x', b: '"x', c: '"', d: '' })
  })

  it('skips entries that are not strings or have no name', async () => {
    const event = apiGatewayV2Event({})
    event.cookies = ['a=1', 5 as never, ' =2', '=3']
    expect((await requestFor(event)).cookies).toEqual({ a: '1' })
  })
})

describe('body', () => {
  it('decodes a base64 body, and leaves a plain one as it is', async () => {
    expect((await requestFor(functionUrlEvent({ body: 'héllo', base64: true }))).body).toBe('héllo')
    expect((await requestFor(functionUrlEvent({ body: 'aGk=' }))).body).toBe('aGk=')
    expect((await requestFor(functionUrlEvent({}))).body).toBeUndefined()
  })
})

describe('sourceIp', () => {
  it('reads the source IP where each front door puts it', async () => {
    expect((await requestFor(apiGatewayV1Event({ sourceIp: '192.0.2.1' }))).sourceIp).toBe('192.0.2.1')
    expect((await requestFor(apiGatewayV2Event({ sourceIp: '192.0.2.2' }))).sourceIp).toBe('192.0.2.2')
    expect((await requestFor(functionUrlEvent({ sourceIp: '192.0.2.3' }))).sourceIp).toBe('192.0.2.3')
  })

  it('takes the last x-forwarded-for entry on ALB (the one ALB appended), trimmed, and none when it is empty', async () => {
    const event = albEvent({ headers: { 'X-Forwarded-For': [' 198.51.100.7 , 10.0.0.1 '] } })
    expect((await requestFor(event)).sourceIp).toBe('10.0.0.1')
    expect((await requestFor(albEvent({ headers: { 'x-forwarded-for': [' '] } }))).sourceIp).toBeUndefined()
  })

  it('is undefined when the request context has no IP', async () => {
    const v1 = apiGatewayV1Event({})
    ;(v1.requestContext as { identity: unknown }).identity = undefined
    expect((await requestFor(v1)).sourceIp).toBeUndefined()
    const v2 = apiGatewayV2Event({})
    ;(v2.requestContext.http as { sourceIp: unknown }).sourceIp = 7
    expect((await requestFor(v2)).sourceIp).toBeUndefined()
  })
})
