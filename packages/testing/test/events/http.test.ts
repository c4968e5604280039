import type { APIGatewayProxyEvent } from 'aws-lambda'
import { describe, expect, it } from 'vitest'
import { events, type HttpRequestInit, type HttpVariant } from '../../src/index.js'

const base64 = (text: string) => Buffer.from(text).toString('base64')

describe('events.http("apiGatewayV1")', () => {
  it('puts the method and path in httpMethod, path and requestContext', () => {
    const event = events.http('apiGatewayV1', { method: 'post', path: '/orders' })
    expect(event.httpMethod).toBe('POST')
    expect(event.path).toBe('/orders')
    expect(event.resource).toBe('/orders')
    expect(event.requestContext).toMatchObject({
      httpMethod: 'POST',
      path: '/prod/orders',
      resourcePath: '/orders',
    })
  })

  it('puts path params in pathParameters and rebuilds the matched resource from them', () => {
    const event = events.http('apiGatewayV1', {
      path: '/orders/42/items/7',
      pathParams: { id: '42', item: '7' },
    })
    expect(event.pathParameters).toEqual({ id: '42', item: '7' })
    expect(event.resource).toBe('/orders/{id}/items/{item}')
    expect(event.requestContext.resourcePath).toBe('/orders/{id}/items/{item}')
  })

  it('names a parameter spanning several segments as a greedy one', () => {
    const event = events.http('apiGatewayV1', { path: '/files/a/b.txt', pathParams: { proxy: 'a/b.txt' } })
    expect(event.resource).toBe('/files/{proxy+}')
  })

  it('puts the decoded query in both maps: the last value in queryStringParameters, all values in the multi-value map', () => {
    const event = events.http('apiGatewayV1', { query: { tag: ['a', 'b'], q: 'red shoes' } })
    expect(event.queryStringParameters).toEqual({ tag: 'b', q: 'red shoes' })
    expect(event.multiValueQueryStringParameters).toEqual({ tag: ['a', 'b'], q: ['red shoes'] })
  })

  it('leaves both query maps null without a query, as API Gateway does', () => {
    const event = events.http('apiGatewayV1')
    expect(event.queryStringParameters).toBeNull()
    expect(event.multiValueQueryStringParameters).toBeNull()
    expect(event.pathParameters).toBeNull()
  })

  it('keeps header names as sent and mirrors them in multiValueHeaders', () => {
    const event = events.http('apiGatewayV1', { headers: { 'X-Request-Id': 'abc' } })
    expect(event.headers['X-Request-Id']).toBe('abc')
    expect(event.multiValueHeaders['X-Request-Id']).toEqual(['abc'])
    expect(event.headers.Host).toBe(event.requestContext.domainName)
  })

  it('sends cookies in the Cookie header', () => {
    const event = events.http('apiGatewayV1', { cookies: { session: 'abc', theme: 'dark' } })
    expect(event.headers.Cookie).toBe('session=abc; theme=dark')
    expect(event.multiValueHeaders.Cookie).toEqual(['session=abc; theme=dark'])
  })

  it('JSON-encodes an object body and sets its content type and length', () => {
    const event = events.http('apiGatewayV1', { method: 'POST', body: { name: 'Ada' } })
    expect(event.body).toBe('{"name":"Ada"}')
    expect(event.isBase64Encoded).toBe(false)
    expect(event.headers['Content-Type']).toBe('application/json')
    expect(event.headers['Content-Length']).toBe('14')
  })

  it('keeps a content type the request sets itself', () => {
    const event = events.http('apiGatewayV1', {
      body: { a: 1 },
      headers: { 'content-type': 'application/vnd.api+json' },
    })
    expect(event.headers['content-type']).toBe('application/vnd.api+json')
    expect(event.headers['Content-Type']).toBeUndefined()
  })

  it('leaves body null without one', () => {
    expect(events.http('apiGatewayV1').body).toBeNull()
  })
})

describe.each(['apiGatewayV2', 'functionUrl'] as const)('events.http("%s")', (variant) => {
  it('puts the method in requestContext.http and the path in rawPath and requestContext.http.path', () => {
    const event = events.http(variant, { method: 'put', path: '/orders/42' })
    expect(event.requestContext.http.method).toBe('PUT')
    expect(event.rawPath).toBe('/orders/42')
    expect(event.requestContext.http.path).toBe('/orders/42')
  })

  it('puts the query URL-encoded in rawQueryString and decoded, repeated values comma-joined, in queryStringParameters', () => {
    const event = events.http(variant, { query: { tag: ['a', 'b'], q: 'red shoes&more' } })
    expect(event.rawQueryString).toBe('tag=a&tag=b&q=red%20shoes%26more')
    expect(event.queryStringParameters).toEqual({ tag: 'a,b', q: 'red shoes&more' })
  })

  it('leaves rawQueryString empty and queryStringParameters out without a query', () => {
    const event = events.http(variant)
    expect(event.rawQueryString).toBe('')
    expect(event).not.toHaveProperty('queryStringParameters')
  })

  it('lower-cases header names', () => {
    const event = events.http(variant, { headers: { 'X-Request-Id': 'abc' } })
    expect(event.headers['x-request-id']).toBe('abc')
    expect(event.headers['X-Request-Id']).toBeUndefined()
  })

  it('sends cookies in the cookies array, not in a cookie header', () => {
    const event = events.http(variant, { cookies: { session: 'abc', theme: 'dark' } })
    expect(event.cookies).toEqual(['session=abc', 'theme=dark'])
    expect(event.headers.cookie).toBeUndefined()
  })

  it('moves a cookie header into the cookies array', () => {
    const event = events.http(variant, { headers: { Cookie: 'a=1; b=2' }, cookies: { c: '3' } })
    expect(event.cookies).toEqual(['a=1', 'b=2', 'c=3'])
    expect(event.headers.cookie).toBeUndefined()
  })

  it('JSON-encodes an object body with a lower-case content type', () => {
    const event = events.http(variant, { method: 'POST', body: { name: 'Ada' } })
    expect(event.body).toBe('{"name":"Ada"}')
    expect(event.headers['content-type']).toBe('application/json')
    expect(event.isBase64Encoded).toBe(false)
  })

  it('leaves body out without one', () => {
    expect(events.http(variant)).not.toHaveProperty('body')
  })
})

describe('events.http("apiGatewayV2")', () => {
  it('puts path params in pathParameters and names the matched route in routeKey', () => {
    const event = events.http('apiGatewayV2', { method: 'GET', path: '/orders/42', pathParams: { id: '42' } })
    expect(event.pathParameters).toEqual({ id: '42' })
    expect(event.routeKey).toBe('GET /orders/{id}')
    expect(event.requestContext.routeKey).toBe('GET /orders/{id}')
  })

  it('uses the $default route without path params', () => {
    expect(events.http('apiGatewayV2', { path: '/health' }).routeKey).toBe('$default')
  })
})

describe('events.http("functionUrl")', () => {
  it('refuses path params, which Function URLs cannot deliver', () => {
    expect(() => events.http('functionUrl', { path: '/orders/42', pathParams: { id: '42' } })).toThrow(
      /Function URL events have no path parameters/,
    )
  })
})

describe('events.http("alb")', () => {
  it('puts the method and path in httpMethod and path', () => {
    const event = events.http('alb', { method: 'patch', path: '/orders/42' })
    expect(event.httpMethod).toBe('PATCH')
    expect(event.path).toBe('/orders/42')
  })

  it('delivers the query as the client encoded it, keeping the last value of a repeated parameter', () => {
    const event = events.http('alb', { query: { 'search term': 'red shoes', tag: ['a&b', 'c'] } })
    expect(event.queryStringParameters).toEqual({ 'search%20term': 'red%20shoes', tag: 'c' })
    expect(event).not.toHaveProperty('multiValueQueryStringParameters')
  })

  it('delivers every value, still encoded, in the multi-value maps when multi-value headers are on', () => {
    const event = events.http(
      'alb',
      { query: { tag: ['a&b', 'c'] }, headers: { 'X-Request-Id': 'abc' } },
      { multiValueHeaders: true },
    )
    expect(event.multiValueQueryStringParameters).toEqual({ tag: ['a%26b', 'c'] })
    expect(event.multiValueHeaders?.['x-request-id']).toEqual(['abc'])
    expect(event).not.toHaveProperty('queryStringParameters')
    expect(event).not.toHaveProperty('headers')
  })

  it('lower-cases header names and sends cookies in the cookie header', () => {
    const event = events.http('alb', {
      headers: { 'X-Request-Id': 'abc' },
      cookies: { session: 'abc', theme: 'dark' },
    })
    expect(event.headers?.['x-request-id']).toBe('abc')
    expect(event.headers?.cookie).toBe('session=abc; theme=dark')
  })

  it('sends an empty body without one, as ALB does', () => {
    expect(events.http('alb').body).toBe('')
  })

  it('refuses path params, which ALB cannot deliver', () => {
    expect(() => events.http('alb', { pathParams: { id: '42' } })).toThrow(
      /ALB events have no path parameters/,
    )
  })
})

describe.each([
  'apiGatewayV1',
  'apiGatewayV2',
  'functionUrl',
  'alb',
] as const satisfies readonly HttpVariant[])('events.http("%s") bodies', (variant) => {
  it('sends a text body as is', () => {
    const event = events.http(variant, { method: 'POST', body: 'plain text' })
    expect(event.body).toBe('plain text')
    expect(event.isBase64Encoded).toBe(false)
  })

  it('base64-encodes the body and sets isBase64Encoded when asked', () => {
    const event = events.http(variant, { method: 'POST', body: 'héllo', base64: true })
    expect(event.body).toBe(base64('héllo'))
    expect(event.isBase64Encoded).toBe(true)
  })

  it('base64-encodes a JSON body when asked', () => {
    const event = events.http(variant, { method: 'POST', body: { a: 1 }, base64: true })
    expect(Buffer.from(event.body ?? '', 'base64').toString()).toBe('{"a":1}')
    expect(event.isBase64Encoded).toBe(true)
  })

  it('always base64-encodes a byte body, since bytes cannot travel as text', () => {
    const event = events.http(variant, { method: 'POST', body: new Uint8Array([0, 255, 1]) })
    expect(event.body).toBe('AP8B')
    expect(event.isBase64Encoded).toBe(true)
  })
})

describe('events.http with a request shared across variants', () => {
  const request: HttpRequestInit = {
    method: 'GET',
    path: '/search',
    query: { q: 'x' },
    headers: { accept: 'text/plain' },
  }

  it('returns a fresh event for each call, leaving the request untouched', () => {
    const before = structuredClone(request)
    const first = events.http('apiGatewayV2', request)
    const second = events.http('apiGatewayV2', request)
    expect(first.requestContext.requestId).not.toBe(second.requestContext.requestId)
    expect(request).toEqual(before)
  })
})

describe('events.http with parameter names that Object.prototype also has', () => {
  // JSON.parse makes an own `__proto__` key, as a client's query string can.
  const query = JSON.parse('{"__proto__":"p","constructor":["c1","c2"],"toString":"t"}') as Record<
    string,
    string | string[]
  >
  const variants: HttpVariant[] = ['apiGatewayV1', 'apiGatewayV2', 'functionUrl', 'alb']

  it.each(variants)('%s keeps them as plain parameters', (variant) => {
    const event = events.http(variant, { query, headers: JSON.parse('{"__proto__":"h"}') })
    const single = event.queryStringParameters as Record<string, string>
    expect(Object.getPrototypeOf(single)).toBe(Object.prototype)
    expect(Object.keys(single).sort()).toEqual(['__proto__', 'constructor', 'toString'])
    expect(Object.hasOwn(event.headers ?? {}, '__proto__')).toBe(true)
    if (variant === 'apiGatewayV1') {
      expect({ ...single }).toEqual(JSON.parse('{"__proto__":"p","constructor":"c2","toString":"t"}'))
      expect(Object.hasOwn((event as APIGatewayProxyEvent).multiValueHeaders, '__proto__')).toBe(true)
    } else if (variant === 'alb') {
      expect(single.constructor).toBe('c2')
    } else {
      expect({ ...single }).toEqual(JSON.parse('{"__proto__":"p","constructor":"c1,c2","toString":"t"}'))
      expect((event as { rawQueryString: string }).rawQueryString).toBe(
        '__proto__=p&constructor=c1&constructor=c2&toString=t',
      )
    }
  })

  it('reads them back from a raw query string', () => {
    const event = events.apiGatewayV2({ rawQueryString: 'constructor=a&constructor=b&__proto__=x' })
    expect(Object.getPrototypeOf(event.queryStringParameters)).toBe(Object.prototype)
    expect({ ...event.queryStringParameters }).toEqual(JSON.parse('{"constructor":"a,b","__proto__":"x"}'))
  })
})
