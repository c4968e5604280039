import { describe, expect, it } from 'vitest'
import { events } from '../../src/index.js'

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
const traceHeaderPattern = /^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/

describe('events.apiGatewayV1', () => {
  it('makes a realistic REST API proxy event for GET / on stage prod', () => {
    const event = events.apiGatewayV1()
    expect(event).toMatchObject({
      httpMethod: 'GET',
      path: '/',
      resource: '/',
      body: null,
      isBase64Encoded: false,
      pathParameters: null,
      queryStringParameters: null,
      multiValueQueryStringParameters: null,
      stageVariables: null,
      requestContext: {
        accountId: '123456789012',
        httpMethod: 'GET',
        path: '/prod/',
        stage: 'prod',
        protocol: 'HTTP/1.1',
        identity: { sourceIp: '203.0.113.10', userAgent: 'curl/8.5.0' },
      },
    })
    expect(event.requestContext.requestId).toMatch(uuidPattern)
    expect(event.requestContext.domainName).toBe(
      `${event.requestContext.apiId}.execute-api.us-east-1.amazonaws.com`,
    )
    expect(event.headers.Host).toBe(event.requestContext.domainName)
    expect(event.headers['X-Amzn-Trace-Id']).toMatch(traceHeaderPattern)
    expect(event.requestContext.requestTime).toMatch(/^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/)
    expect(Math.abs(event.requestContext.requestTimeEpoch - Date.now())).toBeLessThan(5_000)
  })

  it('gives every event a fresh request id and trace id', () => {
    const first = events.apiGatewayV1()
    const second = events.apiGatewayV1()
    expect(first.requestContext.requestId).not.toBe(second.requestContext.requestId)
    expect(first.requestContext.extendedRequestId).not.toBe(second.requestContext.extendedRequestId)
    expect(first.headers['X-Amzn-Trace-Id']).not.toBe(second.headers['X-Amzn-Trace-Id'])
  })

  it('merges overrides at any depth and keeps the other defaults', () => {
    const event = events.apiGatewayV1({ requestContext: { identity: { sourceIp: '198.51.100.7' } } })
    expect(event.requestContext.identity.sourceIp).toBe('198.51.100.7')
    expect(event.requestContext.identity.userAgent).toBe('curl/8.5.0')
    expect(event.requestContext.stage).toBe('prod')
    expect(event.headers['X-Forwarded-For']).toBe('198.51.100.7')
  })

  it('keeps requestContext in step with an overridden method, path and resource', () => {
    const event = events.apiGatewayV1({ httpMethod: 'DELETE', path: '/orders/42', resource: '/orders/{id}' })
    expect(event.requestContext).toMatchObject({
      httpMethod: 'DELETE',
      path: '/prod/orders/42',
      resourcePath: '/orders/{id}',
    })
  })

  it('derives multiValueHeaders from overridden headers, replacing defaults named in another letter case', () => {
    const event = events.apiGatewayV1({ headers: { 'user-agent': 'test-agent/1.0', 'X-Custom': 'yes' } })
    expect(event.headers['User-Agent']).toBeUndefined()
    expect(event.headers['user-agent']).toBe('test-agent/1.0')
    expect(event.multiValueHeaders['user-agent']).toEqual(['test-agent/1.0'])
    expect(event.multiValueHeaders['X-Custom']).toEqual(['yes'])
    expect(event.multiValueHeaders.Accept).toEqual(['*/*'])
    expect(event.requestContext.identity.userAgent).toBe('test-agent/1.0')
  })

  it('derives headers from overridden multiValueHeaders, holding the last value of each', () => {
    const event = events.apiGatewayV1({ multiValueHeaders: { Accept: ['text/html', 'application/json'] } })
    expect(event.headers.Accept).toBe('application/json')
    expect(event.multiValueHeaders.Accept).toEqual(['text/html', 'application/json'])
  })

  it('derives each query map from the other when only one is overridden', () => {
    const fromSingle = events.apiGatewayV1({ queryStringParameters: { page: '2' } })
    expect(fromSingle.multiValueQueryStringParameters).toEqual({ page: ['2'] })
    const fromMulti = events.apiGatewayV1({ multiValueQueryStringParameters: { tag: ['a', 'b'] } })
    expect(fromMulti.queryStringParameters).toEqual({ tag: 'b' })
  })

  it('does not let one event’s changes leak into the next event’s defaults', () => {
    const first = events.apiGatewayV1()
    first.headers.Accept = 'changed'
    first.requestContext.identity.sourceIp = 'changed'
    const second = events.apiGatewayV1()
    expect(second.headers.Accept).toBe('*/*')
    expect(second.requestContext.identity.sourceIp).toBe('203.0.113.10')
  })
})

describe('events.apiGatewayV2', () => {
  it('makes a realistic HTTP API payload 2.0 event for GET / on route and stage $default', () => {
    const event = events.apiGatewayV2()
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: '$default',
      rawPath: '/',
      rawQueryString: '',
      isBase64Encoded: false,
      requestContext: {
        accountId: '123456789012',
        routeKey: '$default',
        stage: '$default',
        http: {
          method: 'GET',
          path: '/',
          protocol: 'HTTP/1.1',
          sourceIp: '203.0.113.10',
          userAgent: 'curl/8.5.0',
        },
      },
    })
    expect(event.requestContext.domainName).toBe(
      `${event.requestContext.apiId}.execute-api.us-east-1.amazonaws.com`,
    )
    expect(event.requestContext.requestId).toMatch(/^[A-Za-z0-9]{15}=$/)
    expect(Math.abs(event.requestContext.timeEpoch - Date.now())).toBeLessThan(5_000)
    expect(event).not.toHaveProperty('queryStringParameters')
    expect(event).not.toHaveProperty('cookies')
    expect(event).not.toHaveProperty('body')
    expect(Object.keys(event.headers).every((name) => name === name.toLowerCase())).toBe(true)
  })

  it('gives every event a fresh request id', () => {
    expect(events.apiGatewayV2().requestContext.requestId).not.toBe(
      events.apiGatewayV2().requestContext.requestId,
    )
  })

  it('keeps requestContext in step with an overridden rawPath and routeKey', () => {
    const event = events.apiGatewayV2({ rawPath: '/orders/42', routeKey: 'GET /orders/{id}' })
    expect(event.requestContext.http.path).toBe('/orders/42')
    expect(event.requestContext.routeKey).toBe('GET /orders/{id}')
  })

  it('derives queryStringParameters from an overridden rawQueryString, decoded and comma-joined', () => {
    const event = events.apiGatewayV2({ rawQueryString: 'tag=a&tag=b&q=red%20shoes' })
    expect(event.queryStringParameters).toEqual({ tag: 'a,b', q: 'red shoes' })
  })

  it('derives rawQueryString from overridden queryStringParameters', () => {
    expect(events.apiGatewayV2({ queryStringParameters: { q: 'red shoes' } }).rawQueryString).toBe(
      'q=red%20shoes',
    )
  })
})

describe('events.functionUrl', () => {
  it('makes a Function URL event on <url-id>.lambda-url.us-east-1.on.aws with route $default and a UUID request id', () => {
    const event = events.functionUrl()
    const urlId = event.requestContext.apiId
    expect(urlId).toMatch(/^[a-z0-9]{32}$/)
    expect(event.requestContext.domainName).toBe(`${urlId}.lambda-url.us-east-1.on.aws`)
    expect(event.requestContext.domainPrefix).toBe(urlId)
    expect(event.headers.host).toBe(event.requestContext.domainName)
    expect(event.routeKey).toBe('$default')
    expect(event.requestContext.routeKey).toBe('$default')
    expect(event.requestContext.stage).toBe('$default')
    expect(event.version).toBe('2.0')
    expect(event.requestContext.requestId).toMatch(uuidPattern)
    expect(event.headers['x-amzn-tls-version']).toMatch(/^TLSv1\.[23]$/)
  })
})

describe('events.alb', () => {
  it('makes an ALB event with a target group ARN, lower-case headers, an empty query and an empty body', () => {
    const event = events.alb()
    expect(event.requestContext.elb.targetGroupArn).toMatch(
      /^arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup\/[\w-]+\/[0-9a-f]{16}$/,
    )
    expect(event).toMatchObject({ httpMethod: 'GET', path: '/', body: '', isBase64Encoded: false })
    expect(event.queryStringParameters).toEqual({})
    expect(event.headers?.['x-amzn-trace-id']).toMatch(traceHeaderPattern)
    expect(event).not.toHaveProperty('multiValueHeaders')
    expect(event).not.toHaveProperty('multiValueQueryStringParameters')
  })

  it('uses only the multi-value maps when the target group has multi-value headers on', () => {
    const event = events.alb({ headers: { 'x-one': '1' } }, { multiValueHeaders: true })
    expect(event).not.toHaveProperty('headers')
    expect(event).not.toHaveProperty('queryStringParameters')
    expect(event.multiValueQueryStringParameters).toEqual({})
    expect(event.multiValueHeaders?.accept).toEqual(['*/*'])
    expect(event.multiValueHeaders?.['x-one']).toEqual(['1'])
  })

  it('folds multi-value overrides into the single-value maps, keeping the last value, when the setting is off', () => {
    const event = events.alb({ multiValueQueryStringParameters: { tag: ['a', 'b'] } })
    expect(event.queryStringParameters).toEqual({ tag: 'b' })
    expect(event).not.toHaveProperty('multiValueQueryStringParameters')
  })
})
