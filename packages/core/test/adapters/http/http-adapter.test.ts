import type { Context } from 'aws-lambda'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  alb,
  apiGatewayV1,
  apiGatewayV2,
  functionUrl,
  type HttpEvent,
  type HttpRequest,
  http,
  InvalidEventError,
  InvalidOptionError,
  isTsumikiError,
  lambda,
  reply,
} from '../../../src/index.js'
import {
  albEvent,
  albMultiValueEvent,
  apiGatewayV1Event,
  apiGatewayV2Event,
  context,
  functionUrlEvent,
  type HttpRequestSpec,
  readResponse,
  s3Event,
  snsEvent,
} from '../../support/index.js'

/** Runs one event through http() and returns the request the handler saw. */
async function requestFor(event: HttpEvent, ctx: Context = context()): Promise<HttpRequest> {
  let seen: HttpRequest | undefined
  const handler = lambda(http()).handle((request) => {
    seen = request
  })
  const response = readResponse(await handler(event, ctx))
  expect(response.status).toBe(204)
  if (seen === undefined) throw new Error('the handler did not run')
  return seen
}

const variants = [
  { variant: 'apiGatewayV1', event: apiGatewayV1Event, multiValue: true, routes: true },
  { variant: 'apiGatewayV2', event: apiGatewayV2Event, multiValue: true, routes: true },
  { variant: 'functionUrl', event: functionUrlEvent, multiValue: true, routes: false },
  { variant: 'alb', event: albMultiValueEvent, multiValue: true, routes: false },
  { variant: 'alb', event: albEvent, multiValue: false, routes: false },
] as const satisfies ReadonlyArray<{
  variant: string
  event: (spec: HttpRequestSpec) => HttpEvent
  multiValue: boolean
  routes: boolean
}>

describe.each(variants)('http() on $event.name', ({ variant, event, multiValue, routes }) => {
  it(`detects the ${variant} variant`, async () => {
    expect((await requestFor(event({}))).variant).toBe(variant)
  })

  it('upper-cases the method', async () => {
    expect((await requestFor(event({ method: 'patch' }))).method).toBe('PATCH')
  })

  it('gives the path as requested', async () => {
    expect((await requestFor(event({ path: '/orders/ord-42/items' }))).path).toBe('/orders/ord-42/items')
  })

  it(routes ? 'gives the route path parameters' : 'has no path parameters', async () => {
    const request = await requestFor(event({ path: '/orders/ord-42', pathParams: { orderId: 'ord-42' } }))
    expect(request.pathParams).toEqual(routes ? { orderId: 'ord-42' } : {})
  })

  it('decodes query parameters: the first value in query, every value in multiQuery', async () => {
    const request = await requestFor(
      event({ query: { tag: ['new', 'sale'], q: ['blue shoes & socks'], 'sort by': ['price'] } }),
    )
    if (multiValue) {
      expect(request.query).toEqual({ tag: 'new', q: 'blue shoes & socks', 'sort by': 'price' })
      expect(request.multiQuery).toEqual({
        tag: ['new', 'sale'],
        q: ['blue shoes & socks'],
        'sort by': ['price'],
      })
    } else {
      // Without multi-value headers ALB delivers only the last value of a repeated parameter.
      expect(request.query).toEqual({ tag: 'sale', q: 'blue shoes & socks', 'sort by': 'price' })
      expect(request.multiQuery).toEqual({ tag: ['sale'], q: ['blue shoes & socks'], 'sort by': ['price'] })
    }
  })

  it('lower-cases header names', async () => {
    const request = await requestFor(
      event({ headers: { 'Content-Type': ['application/json'], 'X-Api-Key': ['k-1'] } }),
    )
    expect(request.headers['content-type']).toBe('application/json')
    expect(request.headers['x-api-key']).toBe('k-1')
    expect(Object.keys(request.headers).every((name) => name === name.toLowerCase())).toBe(true)
  })

  it('reads the cookies', async () => {
    const request = await requestFor(
      event({ cookies: ['session=s3cr3t', 'theme=dark', 'cart=%7B%22n%22%3A2%7D'] }),
    )
    expect(request.cookies).toEqual({ session: 's3cr3t', theme: 'dark', cart: '{"n":2}' })
  })

  it('decodes a base64-encoded body', async () => {
    const body = JSON.stringify({ name: 'Grüner Tee 緑茶', qty: 2 })
    const request = await requestFor(event({ method: 'POST', body, base64: true }))
    expect(request.body).toBe(body)
  })

  it('gives a plain body as is, and undefined for no body', async () => {
    expect((await requestFor(event({ method: 'POST', body: 'plain text' }))).body).toBe('plain text')
    expect((await requestFor(event({}))).body).toBeUndefined()
  })

  it('takes the correlation id from x-correlation-id first, then x-request-id', async () => {
    const both = await requestFor(
      event({ headers: { 'X-Correlation-Id': ['corr-1'], 'X-Request-Id': ['req-1'] } }),
    )
    expect(both.correlationId).toBe('corr-1')
    const requestIdOnly = await requestFor(event({ headers: { 'X-Request-Id': ['req-1'] } }))
    expect(requestIdOnly.correlationId).toBe('req-1')
  })

  it('gives the source IP', async () => {
    expect((await requestFor(event({ sourceIp: '198.51.100.7' }))).sourceIp).toBe('198.51.100.7')
  })

  it('keeps the raw event and the context on the request', async () => {
    const raw = event({ path: '/raw' })
    const ctx = context()
    const request = await requestFor(raw, ctx)
    expect(request.event).toBe(raw)
    expect(request.context).toBe(ctx)
    expect(request.kind).toBe('http')
  })
})

describe('repeated headers', () => {
  const spec: HttpRequestSpec = { headers: { Accept: ['text/html', 'application/json'] } }

  it.each([
    ['API Gateway REST', apiGatewayV1Event(spec)],
    ['ALB with multi-value headers', albMultiValueEvent(spec)],
  ])('are joined with ", " from the multi-value map on %s', async (_name, event) => {
    expect((await requestFor(event)).headers.accept).toBe('text/html, application/json')
  })

  it.each([
    ['HTTP API', apiGatewayV2Event(spec)],
    ['Function URL', functionUrlEvent(spec)],
  ])('keep the comma-joined value payload 2.0 delivers on %s', async (_name, event) => {
    expect((await requestFor(event)).headers.accept).toBe('text/html,application/json')
  })

  it('are the last value ALB sends without multi-value headers', async () => {
    expect((await requestFor(albEvent(spec))).headers.accept).toBe('application/json')
  })
})

describe('the correlation id without a header', () => {
  it.each([
    ['API Gateway REST', apiGatewayV1Event({ requestId: 'c6af9ac6-rest' })],
    ['HTTP API', apiGatewayV2Event({ requestId: 'JKJaXmPLvHcESHA=' })],
    ['Function URL', functionUrlEvent({ requestId: 'a1b2c3d4-url' })],
  ])('is requestContext.requestId on %s', async (_name, event) => {
    expect((await requestFor(event)).correlationId).toBe(event.requestContext.requestId)
  })

  it('is undefined on ALB, whose events carry no request id', async () => {
    expect((await requestFor(albEvent({}))).correlationId).toBeUndefined()
  })
})

describe('ALB query strings', () => {
  it('are decoded from the URL-encoding ALB leaves them in, "+" included', async () => {
    const event = albMultiValueEvent({})
    event.multiValueQueryStringParameters = { q: ['blue+shoes', 'red%20hat'], 'price%5Bmax%5D': ['100'] }
    const request = await requestFor(event)
    expect(request.multiQuery).toEqual({ q: ['blue shoes', 'red hat'], 'price[max]': ['100'] })
    expect(request.query).toEqual({ q: 'blue shoes', 'price[max]': '100' })
  })

  it('keep a malformed escape as sent rather than failing the request', async () => {
    const event = albEvent({})
    event.queryStringParameters = { discount: '100%' }
    expect((await requestFor(event)).query).toEqual({ discount: '100%' })
  })
})

describe('HTTP API query strings', () => {
  it('are read from rawQueryString, so repeated parameters keep every value', async () => {
    const event = apiGatewayV2Event({})
    event.rawQueryString = 'id=1&id=2&note=a%2Cb'
    event.queryStringParameters = { id: '1,2', note: 'a,b' }
    const request = await requestFor(event)
    expect(request.multiQuery).toEqual({ id: ['1', '2'], note: ['a,b'] })
  })

  it('accept parameter names that are also names of Object.prototype members', async () => {
    const event = apiGatewayV2Event({})
    event.rawQueryString = 'constructor=a&toString=b&__proto__=c&hasOwnProperty=d&constructor=e'
    const request = await requestFor(event)
    expect(request.multiQuery).toEqual(
      Object.fromEntries([
        ['constructor', ['a', 'e']],
        ['toString', ['b']],
        ['__proto__', ['c']],
        ['hasOwnProperty', ['d']],
      ]),
    )
    expect(request.query.constructor).toBe('a')
  })
})

describe('cookies', () => {
  it('come from the cookies array on payload 2.0 and from the Cookie header on REST and ALB', async () => {
    const v2 = apiGatewayV2Event({ cookies: ['a=1', 'b=2'] })
    expect(v2.cookies).toEqual(['a=1', 'b=2'])
    expect(v2.headers.cookie).toBeUndefined()
    expect((await requestFor(v2)).cookies).toEqual({ a: '1', b: '2' })

    const v1 = apiGatewayV1Event({ cookies: ['a=1', 'b=2'] })
    expect(v1.headers.Cookie).toBe('a=1; b=2')
    expect((await requestFor(v1)).cookies).toEqual({ a: '1', b: '2' })
  })

  it('keep the first of a repeated name, unquote quoted values and skip pairs without a name', async () => {
    const request = await requestFor(
      apiGatewayV2Event({ cookies: ['id=first', 'id=second', 'q="quoted value"', '=x', ' = y'] }),
    )
    expect(request.cookies).toEqual({ id: 'first', q: 'quoted value' })
  })

  it('keep a cookie sent without "=" as a name with an empty value, as browsers and Go net/http do', async () => {
    // AWS's own sample events for HTTP API and Function URLs carry `"cookies": ["cookie1", "cookie2"]`.
    const v2 = await requestFor(apiGatewayV2Event({ cookies: ['cookie1', 'cookie2', 'theme=dark'] }))
    expect(v2.cookies).toEqual({ cookie1: '', cookie2: '', theme: 'dark' })
    const v1 = await requestFor(apiGatewayV1Event({ cookies: ['flag', 'theme=dark'] }))
    expect(v1.cookies).toEqual({ flag: '', theme: 'dark' })
  })

  it('read every one of repeated Cookie headers (ALB multi-value headers), joined with "; "', async () => {
    const event = albMultiValueEvent({ headers: { cookie: ['a=1', 'b=2; c=3'] } })
    const request = await requestFor(event)
    expect(request.cookies).toEqual({ a: '1', b: '2', c: '3' })
    expect(request.headers.cookie).toBe('a=1; b=2; c=3')
  })

  it('read every one of repeated Cookie headers (REST multiValueHeaders)', async () => {
    const event = apiGatewayV1Event({ headers: { Cookie: ['session=s1', 'theme=dark'] } })
    expect(event.multiValueHeaders.Cookie).toEqual(['session=s1', 'theme=dark'])
    const request = await requestFor(event)
    expect(request.cookies).toEqual({ session: 's1', theme: 'dark' })
  })

  it('never lose a cookie, whichever way a list of pairs is split into Cookie headers', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.stringMatching(/^[A-Za-z0-9_-]{1,8}$/), { minLength: 1, maxLength: 6 }),
        fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 6, maxLength: 6 }),
        async (names, groupSizes) => {
          const pairs = names.map((name, index) => `${name}=v${index}`)
          const headers: string[] = []
          for (let start = 0, group = 0; start < pairs.length; group++) {
            const size = groupSizes[group % groupSizes.length] ?? 1
            headers.push(pairs.slice(start, start + size).join('; '))
            start += size
          }
          const request = await requestFor(albMultiValueEvent({ headers: { cookie: headers } }))
          expect(request.cookies).toEqual(Object.fromEntries(names.map((name, index) => [name, `v${index}`])))
        },
      ),
      { numRuns: 50 },
    )
  })

  it('accept cookie names that are also names of Object.prototype members', async () => {
    const request = await requestFor(apiGatewayV1Event({ cookies: ['constructor=c1', 'toString=t1'] }))
    expect(request.cookies).toEqual({ constructor: 'c1', toString: 't1' })
  })
})

describe('sourceIp on ALB', () => {
  const forwardedFor = (value: string) => ({ headers: { 'X-Forwarded-For': [value] } })

  it('is the last X-Forwarded-For entry, the peer ALB appended, not the first one the caller chose', async () => {
    for (const event of [albEvent, albMultiValueEvent]) {
      const request = await requestFor(event(forwardedFor('6.6.6.6, 203.0.113.9')))
      expect(request.sourceIp).toBe('203.0.113.9')
    }
  })

  it('is the last entry across repeated X-Forwarded-For headers', async () => {
    const request = await requestFor(
      albMultiValueEvent({ headers: { 'x-forwarded-for': ['6.6.6.6', '7.7.7.7, 203.0.113.9'] } }),
    )
    expect(request.sourceIp).toBe('203.0.113.9')
  })

  it('skips as many entries from the end as trustedProxies says sit in front of the ALB', async () => {
    // caller -> CloudFront -> ALB: CloudFront writes the caller, ALB appends CloudFront.
    const event = albEvent(forwardedFor('6.6.6.6, 203.0.113.9, 130.176.0.1'))
    let seen: string | undefined
    for (const handler of [
      lambda(alb({ trustedProxies: 1 })).handle((request) => {
        seen = request.sourceIp
      }),
      lambda(http({ trustedProxies: 1 })).handle((request) => {
        seen = request.sourceIp
      }),
    ]) {
      seen = undefined
      await handler(event, context())
      expect(seen).toBe('203.0.113.9')
    }
  })

  it('is the first entry when the chain is shorter than trustedProxies, and undefined without the header', async () => {
    let seen: string | undefined = 'unset'
    const handler = lambda(alb({ trustedProxies: 3 })).handle((request) => {
      seen = request.sourceIp
    })
    await handler(albEvent(forwardedFor('203.0.113.9, 130.176.0.1')), context())
    expect(seen).toBe('203.0.113.9')
    const withoutHeader = albEvent({})
    delete withoutHeader.headers?.['x-forwarded-for']
    await handler(withoutHeader, context())
    expect(seen).toBeUndefined()
  })

  it.each([-1, 1.5, Number.NaN, '1'])('rejects trustedProxies %s when the adapter is made', (value) => {
    expect(() => alb({ trustedProxies: value as number })).toThrow(
      /^alb\(\): option 'trustedProxies' must be a whole number, 0 or more, got/,
    )
    expect(() => http({ trustedProxies: value as number })).toThrow(InvalidOptionError)
    expect(() => http({ trustedProxy: 1 } as never)).toThrow(/option 'trustedProxy' must be one of the known/)
  })

  it('leaves the address API Gateway verified as is, whatever X-Forwarded-For says', async () => {
    const v1 = apiGatewayV1Event({ sourceIp: '198.51.100.7', headers: { 'X-Forwarded-For': ['6.6.6.6'] } })
    expect((await requestFor(v1)).sourceIp).toBe('198.51.100.7')
    let seen: string | undefined
    const handler = lambda(http({ trustedProxies: 1 })).handle((request) => {
      seen = request.sourceIp
    })
    await handler(apiGatewayV2Event({ sourceIp: '198.51.100.8' }), context())
    expect(seen).toBe('198.51.100.8')
  })
})

describe('variant detection by http()', () => {
  it.each([
    ['apiGatewayV1', apiGatewayV1Event({}), 'multiValueHeaders', 'cookies'],
    ['apiGatewayV2', apiGatewayV2Event({}), 'cookies', 'multiValueHeaders'],
    ['functionUrl', functionUrlEvent({}), 'cookies', 'statusDescription'],
    ['alb', albEvent({}), 'statusDescription', 'multiValueHeaders'],
    ['alb', albMultiValueEvent({}), 'multiValueHeaders', 'headers'],
  ] as const)('tells %s apart and answers in its format', async (variant, event, present, absent) => {
    let seen: string | undefined
    const handler = lambda(http()).handle((request) => {
      seen = request.variant
      return reply({ status: 200, body: { ok: true }, cookies: ['session=abc; HttpOnly'] })
    })
    const result = await handler(event, context())
    expect(seen).toBe(variant)
    expect(result).toHaveProperty(present)
    expect(result).not.toHaveProperty(absent)
  })

  it('tells a Function URL from an HTTP API by its lambda-url domain', async () => {
    const event = functionUrlEvent({})
    expect(event.requestContext.domainName).toMatch(/\.lambda-url\./)
    expect((await requestFor(event)).variant).toBe('functionUrl')
  })
})

describe('an event that is not HTTP', () => {
  it.each([
    ['an SNS event', snsEvent()],
    ['an S3 event', s3Event()],
    ['an empty object', {}],
    ['null', null],
    ['a string', 'GET /'],
  ])('makes http() throw InvalidEventError (INVALID_EVENT) for %s', async (_name, event) => {
    const handler = lambda(http()).handle(() => 'never')
    const error = await handler(event as never, context()).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(InvalidEventError)
    expect(isTsumikiError(error) && error.code).toBe('INVALID_EVENT')
  })

  it('makes each fixed-variant adapter throw InvalidEventError for another variant event', async () => {
    const cases = [
      [lambda(apiGatewayV1()).handle(() => 'never'), apiGatewayV2Event({})],
      [lambda(apiGatewayV2()).handle(() => 'never'), apiGatewayV1Event({})],
      [lambda(functionUrl()).handle(() => 'never'), albEvent({})],
      [lambda(alb()).handle(() => 'never'), functionUrlEvent({})],
    ] as const
    for (const [handler, event] of cases) {
      const error = await (handler as (event: unknown, context: Context) => Promise<unknown>)(
        event,
        context(),
      ).catch((caught: unknown) => caught)
      expect(error).toBeInstanceOf(InvalidEventError)
    }
  })

  it('names the adapter and the reason in the message', async () => {
    const handler = lambda(apiGatewayV1()).handle(() => 'never')
    await expect(handler({} as never, context())).rejects.toThrow(
      'The apiGatewayV1 adapter received an event it cannot read: httpMethod is missing',
    )
  })
})

describe('the parts of a request read when first asked for', () => {
  it('are read once: every later read gives the same object', async () => {
    const request = await requestFor(
      apiGatewayV2Event({ query: { a: ['1'] }, headers: { 'X-A': ['1'] }, cookies: ['c=1'] }),
    )
    expect(request.headers).toBe(request.headers)
    expect(request.query).toBe(request.query)
    expect(request.multiQuery).toBe(request.multiQuery)
    expect(request.cookies).toBe(request.cookies)
    expect(request.pathParams).toBe(request.pathParams)
    expect(request.headers['x-a']).toBe('1')
  })

  it('can be replaced by a middleware, like any field', async () => {
    const handler = lambda(http())
      .use<{ headers: Record<string, string>; body: string }>({
        name: 'rewrite',
        handle: (_request, next) => next({ headers: { 'x-rewritten': 'yes' }, body: 'replaced' }),
      })
      .handle((request) => ({ headers: request.headers, body: request.body, path: request.path }))

    const response = readResponse(await handler(apiGatewayV2Event({ path: '/a', body: 'sent' }), context()))
    expect(response.json()).toEqual({ headers: { 'x-rewritten': 'yes' }, body: 'replaced', path: '/a' })
  })

  it.each([
    ['mixed case, the first spelling wins', { 'X-Request-ID': 'first', 'x-request-id': 'second' }, undefined],
    [
      'the multi-value map wins, values joined',
      { 'X-Correlation-Id': 'single' },
      { 'x-correlation-ID': ['m1', 'm2'] },
    ],
    ['an empty multi-value list is skipped', { 'x-correlation-id': 'single' }, { 'X-Correlation-Id': [] }],
    ['a name of the right length only', { 'x-correlation-ix': 'no', 'x-request-id': 'req' }, undefined],
  ])('give the correlation id the headers would: %s', async (_name, headers, multiValueHeaders) => {
    const event = apiGatewayV1Event({})
    event.headers = headers
    event.multiValueHeaders = multiValueHeaders as never
    const request = await requestFor(event)
    expect(request.correlationId).toBe(
      request.headers['x-correlation-id'] ??
        request.headers['x-request-id'] ??
        event.requestContext.requestId,
    )
  })
})

describe('header names that are Object.prototype members', () => {
  function withOddHeaders<E extends { headers?: unknown }>(event: E): E {
    const headers = (event.headers ?? {}) as Record<string, string>
    headers.constructor = 'c' as never
    Object.defineProperty(headers, '__proto__', {
      value: 'p',
      enumerable: true,
      configurable: true,
      writable: true,
    })
    return { ...event, headers }
  }

  it.each([
    ['HTTP API', apiGatewayV2Event({})],
    ['Function URL', functionUrlEvent({})],
    ['ALB', albEvent({})],
  ])('become plain header fields on %s', async (_name, event) => {
    const headers = (await requestFor(withOddHeaders(event))).headers
    expect(Object.hasOwn(headers, 'constructor') && headers.constructor).toBe('c')
    expect(Object.getOwnPropertyDescriptor(headers, '__proto__')?.value).toBe('p')
    expect(Object.getPrototypeOf(headers)).toBe(Object.prototype)
  })
})
