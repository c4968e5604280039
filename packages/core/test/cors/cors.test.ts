import { describe, expect, it } from 'vitest'
import {
  type CorsOptions,
  cors,
  DeadlineExceededError,
  type HttpEvent,
  http,
  httpErrors,
  isTsumikiError,
  lambda,
  reply,
  router,
} from '../../src/index.js'
import {
  albEvent,
  apiGatewayV1Event,
  apiGatewayV2Event,
  captureStderr,
  context,
  functionUrlEvent,
  readResponse,
} from '../support/index.js'

function corsHandler(options: CorsOptions) {
  const ran: string[] = []
  const handler = lambda(http())
    .use(cors(options))
    .handle(
      router()
        .get('/orders/{id}', (route) =>
          route.handle(({ pathParams }) => {
            ran.push(pathParams.id)
            return { id: pathParams.id }
          }),
        )
        .put('/orders/{id}', (route) =>
          route.handle(() => reply({ status: 202, headers: { Vary: 'Accept' } })),
        )
        .delete('/orders/{id}', (route) => route.handle(() => undefined))
        .get('/conflict', (route) =>
          route.handle(() => {
            throw httpErrors.conflict('taken', { headers: { 'retry-after': '1' } })
          }),
        )
        .get('/crash', (route) =>
          route.handle(() => {
            throw new Error('internal detail')
          }),
        )
        .get('/late', (route) =>
          route.handle(async () => {
            throw new DeadlineExceededError(500)
          }),
        ),
    )
  return {
    ran,
    call: async (event: HttpEvent) => {
      return readResponse(await handler(event, context()))
    },
  }
}

const app = 'https://app.example.com'
const preflightHeaders = (origin: string) => ({
  origin: [origin],
  'access-control-request-method': ['PUT'],
  'access-control-request-headers': ['content-type, x-api-key'],
})

describe('preflight', () => {
  it.each([
    ['REST API (v1)', apiGatewayV1Event],
    ['HTTP API (v2)', apiGatewayV2Event],
    ['Function URL', functionUrlEvent],
    ['ALB', albEvent],
  ])('is answered without running the route behind %s', async (_name, event) => {
    const { call, ran } = corsHandler({ origins: [app], maxAgeSeconds: 600, credentials: true })
    const response = await call(
      event({ method: 'OPTIONS', path: '/orders/1', headers: preflightHeaders(app) }),
    )
    expect(ran).toEqual([])
    expect(response.status).toBe(204)
    expect(response.headers).toMatchObject({
      'access-control-allow-origin': app,
      'access-control-allow-credentials': 'true',
      'access-control-allow-methods': 'GET, HEAD, POST, PUT, PATCH, DELETE',
      'access-control-allow-headers': 'content-type, x-api-key',
      'access-control-max-age': '600',
      vary: 'Origin, Access-Control-Request-Headers',
    })
  })

  it('allows only the configured headers when they are given', async () => {
    const { call } = corsHandler({ origins: [app], headers: ['content-type'] })
    const response = await call(
      apiGatewayV2Event({ method: 'OPTIONS', path: '/orders/1', headers: preflightHeaders(app) }),
    )
    expect(response.headers['access-control-allow-headers']).toBe('content-type')
    expect(response.headers.vary).toBe('Origin')
  })

  it('refuses an origin not on the list with a 403 and no CORS headers', async () => {
    const { call } = corsHandler({ origins: [app] })
    const response = await call(
      apiGatewayV2Event({
        method: 'OPTIONS',
        path: '/orders/1',
        headers: preflightHeaders('https://evil.test'),
      }),
    )
    expect(response.status).toBe(403)
    expect(response.headers['access-control-allow-origin']).toBeUndefined()
    expect(response.headers.vary).toBe('Origin')
  })
})

describe('actual requests', () => {
  it('adds the headers to a plain value, keeping it 200 JSON', async () => {
    const { call } = corsHandler({ origins: [app], exposeHeaders: ['x-total'] })
    const response = await call(apiGatewayV2Event({ path: '/orders/3', headers: { Origin: [app] } }))
    expect(response.status).toBe(200)
    expect(response.json()).toEqual({ id: '3' })
    expect(response.headers).toMatchObject({
      'content-type': 'application/json; charset=utf-8',
      'access-control-allow-origin': app,
      'access-control-expose-headers': 'x-total',
      vary: 'Origin',
    })
    expect(response.headers['access-control-allow-credentials']).toBeUndefined()
  })

  it('merges Vary with the reply’s own and keeps an empty answer 204', async () => {
    const { call } = corsHandler({ origins: [app] })
    const put = await call(
      apiGatewayV2Event({ method: 'PUT', path: '/orders/3', headers: { Origin: [app] } }),
    )
    expect(put.status).toBe(202)
    expect(put.headers.vary).toBe('Accept, Origin')
    const removed = await call(
      apiGatewayV2Event({ method: 'DELETE', path: '/orders/3', headers: { Origin: [app] } }),
    )
    expect(removed.status).toBe(204)
    expect(removed.headers['access-control-allow-origin']).toBe(app)
  })

  it('puts the headers on error answers: HttpErrors, 404s, 500s and 504s', async () => {
    const { call } = corsHandler({ origins: [app] })
    const headers = { Origin: [app] }
    const conflict = await call(apiGatewayV2Event({ path: '/conflict', headers }))
    expect(conflict.status).toBe(409)
    expect(conflict.headers).toMatchObject({ 'access-control-allow-origin': app, 'retry-after': '1' })
    const missing = await call(apiGatewayV2Event({ path: '/nowhere', headers }))
    expect(missing.status).toBe(404)
    expect(missing.headers['access-control-allow-origin']).toBe(app)
    const stderr = captureStderr()
    try {
      const crash = await call(apiGatewayV2Event({ path: '/crash', headers }))
      expect(crash.status).toBe(500)
      expect(crash.json()).toEqual({ error: { type: 'internal', message: 'Internal server error' } })
      expect(crash.headers['access-control-allow-origin']).toBe(app)
      const late = await call(apiGatewayV2Event({ path: '/late', headers }))
      expect(late.status).toBe(504)
      expect(late.headers['access-control-allow-origin']).toBe(app)
      const logged = JSON.stringify(stderr.lines())
      expect(logged).toContain('internal detail')
      expect(logged).toContain('DEADLINE_EXCEEDED')
    } finally {
      stderr.spy.mockRestore()
    }
  })

  it('never changes a thrown HttpError: one thrown again for another caller carries no stale origin', async () => {
    const shared = httpErrors.forbidden('no')
    const handler = lambda(http())
      .use(cors({ origins: [app] }))
      .handle(() => {
        throw shared
      })
    const first = readResponse(await handler(apiGatewayV2Event({ headers: { Origin: [app] } }), context()))
    expect(first.headers['access-control-allow-origin']).toBe(app)
    const second = readResponse(await handler(apiGatewayV2Event({}), context()))
    expect(second.status).toBe(403)
    expect(second.headers['access-control-allow-origin']).toBeUndefined()
    expect(shared.headers).toEqual({})
  })

  it('runs the route for a request without Origin and marks the answer Vary: Origin only', async () => {
    const { call, ran } = corsHandler({ origins: [app] })
    const response = await call(apiGatewayV2Event({ path: '/orders/8' }))
    expect(ran).toEqual(['8'])
    expect(response.headers.vary).toBe('Origin')
    expect(response.headers['access-control-allow-origin']).toBeUndefined()
  })
})

describe('origin allow-list', () => {
  const allowed = async (options: CorsOptions, origin: string) => {
    const { call } = corsHandler(options)
    const response = await call(apiGatewayV2Event({ path: '/orders/1', headers: { Origin: [origin] } }))
    return response.headers['access-control-allow-origin']
  }

  it('matches exact origins ignoring case, wildcard subdomains and RegExps', async () => {
    const options: CorsOptions = { origins: [app, 'https://*.example.org', /^http:\/\/localhost:\d+$/] }
    expect(await allowed(options, 'HTTPS://APP.EXAMPLE.COM')).toBe('HTTPS://APP.EXAMPLE.COM')
    expect(await allowed(options, 'https://a.b.example.org')).toBe('https://a.b.example.org')
    expect(await allowed(options, 'https://example.org')).toBeUndefined()
    expect(await allowed(options, 'https://evil-example.org')).toBeUndefined()
    expect(await allowed(options, 'https://x.example.org.evil.test')).toBeUndefined()
    expect(await allowed(options, 'http://localhost:5173')).toBe('http://localhost:5173')
    expect(await allowed(options, 'https://app.example.com.evil.test')).toBeUndefined()
  })

  it('sends * for any origin, without credentials', async () => {
    expect(await allowed({ origins: '*' }, 'https://any.test')).toBe('*')
    expect(await allowed({ origins: '*' }, 'null')).toBe('*')
  })

  it('with credentials, allows exact origins, subdomain patterns and anchored RegExps, and never `null`', async () => {
    const options: CorsOptions = {
      origins: [app, 'https://*.example.org', /^http:\/\/localhost:\d+$/],
      credentials: true,
    }
    expect(await allowed(options, app)).toBe(app)
    expect(await allowed(options, 'https://a.example.org')).toBe('https://a.example.org')
    expect(await allowed(options, 'http://localhost:5173')).toBe('http://localhost:5173')
    expect(await allowed(options, 'null')).toBeUndefined()
    expect(await allowed(options, 'https://evil.test')).toBeUndefined()
  })
})

describe('credentials for any origin are refused', () => {
  // Every way of saying "any origin" (or "any page that sends Origin: null") with credentials would let any site
  // read answers made with the caller's cookies.
  it.each<[string, CorsOptions['origins']]>([
    ["'*'", '*'],
    ["a list holding '*'", [app, '*']],
    ['a pattern for any host', ['https://*']],
    ['a pattern for any host and scheme', ['*://*']],
    ['a pattern for any host on a port', ['http://*:8080']],
    ['a pattern for a whole top-level domain', ['https://*.com']],
    ['a RegExp matching anything', [/.*/]],
    ['a RegExp matching any https origin', [/^https:\/\/.+$/]],
    ['a RegExp matching any host', [/^https?:\/\/[^/]+$/]],
    ['a RegExp matching null', [/^(null|https:\/\/app\.example\.com)$/]],
    ["the 'null' origin", ['null']],
    ["the 'null' origin in capitals", ['NULL']],
  ])('%s', (_name, origins) => {
    let thrown: unknown
    try {
      cors({ origins, credentials: true })
    } catch (error) {
      thrown = error
    }
    expect(isTsumikiError(thrown) && thrown.code).toBe('INVALID_OPTION')
    expect((thrown as Error).message).toContain('origins')
    expect((thrown as Error).message).toMatch(/credentials/)
  })

  it("refuses '*' inside a list whatever the credentials: any origin is origins: '*'", () => {
    expect(() => cors({ origins: [app, '*'] })).toThrow(/origins: '\*'/)
  })
})

describe('options', () => {
  it.each([
    [{ origins: 'https://app.example.com' }, 'origins'],
    [{ origins: [app], maxAgeSeconds: 1.5 }, 'maxAgeSeconds'],
    [{ origins: [app], credentials: 'yes' }, 'credentials'],
    [{ origins: [app], methods: 'GET' }, 'methods'],
    [{ origins: [app], maxAge: 10 }, 'maxAge'],
  ])('refuses %j naming the option', (options, option) => {
    let thrown: unknown
    try {
      cors(options as never)
    } catch (error) {
      thrown = error
    }
    expect(isTsumikiError(thrown) && thrown.code).toBe('INVALID_OPTION')
    expect((thrown as Error).message).toContain(option)
  })
})
