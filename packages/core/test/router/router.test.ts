import type { APIGatewayProxyEventV2 } from 'aws-lambda'
import { describe, expect, it } from 'vitest'
import {
  HttpError,
  type HttpEvent,
  type HttpRequest,
  http,
  httpErrors,
  isTsumikiError,
  lambda,
  middleware,
  reply,
  router,
} from '../../src/index.js'
import {
  albEvent,
  albMultiValueEvent,
  apiGatewayV1Event,
  apiGatewayV2Event,
  captureStderr,
  context,
  functionUrlEvent,
  type HttpRequestSpec,
  readResponse,
} from '../support/index.js'

class OrderNotFound extends Error {
  override readonly name = 'OrderNotFound'
  constructor(readonly orderId: string) {
    super(`No order ${orderId}`)
  }
}

const tag = middleware<HttpRequest, { chain: string[] }>({
  name: 'tag',
  handle: (_request, next) => next({ chain: ['outer'] }),
})

const ordersRoutes = router<HttpRequest & { chain: string[] }>()
  .get('/orders', (route) => route.handle(() => ({ list: true })))
  .get('/orders/{id}', (route) =>
    route.handle(({ pathParams, chain }) => {
      if (pathParams.id === 'missing') throw new OrderNotFound(pathParams.id)
      return { id: pathParams.id, chain }
    }),
  )
  .get('/orders/latest', (route) => route.handle(() => ({ latest: true })))
  .post('/orders', (route) =>
    route.handle(({ body }) => reply({ status: 201, body: { created: JSON.parse(body ?? 'null') } })),
  )
  .get('/files/{path+}', (route) => route.handle(({ pathParams }) => ({ file: pathParams.path })))
  .onError(OrderNotFound, (error) =>
    reply({ status: 404, body: { error: { type: 'order_not_found', orderId: error.orderId } } }),
  )

const handler = lambda(http()).use(tag).handle(ordersRoutes)

/** `decodesPath`: an HTTP API hands the function `rawPath` already percent-decoded; the others as the client sent it. */
const frontDoors = [
  { name: 'REST API (v1)', event: apiGatewayV1Event, decodesPath: false },
  { name: 'HTTP API (v2)', event: apiGatewayV2Event, decodesPath: true },
  { name: 'Function URL', event: functionUrlEvent, decodesPath: false },
  { name: 'ALB', event: albEvent, decodesPath: false },
  { name: 'ALB, multi-value headers', event: albMultiValueEvent, decodesPath: false },
] as const satisfies ReadonlyArray<{
  name: string
  event: (spec: HttpRequestSpec) => HttpEvent
  decodesPath: boolean
}>

async function call(event: HttpEvent) {
  return readResponse(await handler(event, context()))
}

describe.each(frontDoors)('the same router behind $name', ({ event, decodesPath }) => {
  it('runs the route with its typed parameters inside the chain around the router', async () => {
    const response = await call(event({ path: '/orders/42' }))
    expect(response.status).toBe(200)
    expect(response.json()).toEqual({ id: '42', chain: ['outer'] })
  })

  it('prefers a static segment to a parameter, and a parameter to a greedy one', async () => {
    expect((await call(event({ path: '/orders/latest' }))).json()).toEqual({ latest: true })
    expect((await call(event({ path: '/files/a/b/c.txt' }))).json()).toEqual({ file: 'a/b/c.txt' })
  })

  it('serves the POST route with the body and its own status', async () => {
    const response = await call(event({ method: 'POST', path: '/orders', body: '{"sku":"a"}' }))
    expect(response.status).toBe(201)
    expect(response.json()).toEqual({ created: { sku: 'a' } })
  })

  it('answers 404 JSON for an unknown path', async () => {
    const response = await call(event({ path: '/nothing/here' }))
    expect(response.status).toBe(404)
    expect(response.headers['content-type']).toContain('application/json')
    expect(response.json()).toEqual({
      error: { type: 'not_found', message: 'No route for GET /nothing/here' },
    })
  })

  it('answers 405 with Allow for a known path and another method', async () => {
    const response = await call(event({ method: 'DELETE', path: '/orders' }))
    expect(response.status).toBe(405)
    expect(response.headers.allow).toBe('GET, HEAD, OPTIONS, POST')
    expect(response.json()).toMatchObject({ error: { type: 'method_not_allowed' } })
  })

  it('serves HEAD by the GET route without a body', async () => {
    const response = await call(event({ method: 'HEAD', path: '/orders/7' }))
    expect(response.status).toBe(200)
    expect(response.body).toBe('')
    expect(response.headers['content-type']).toContain('application/json')
  })

  it('answers OPTIONS with the methods of the path', async () => {
    const response = await call(event({ method: 'OPTIONS', path: '/orders/7' }))
    expect(response.status).toBe(204)
    expect(response.headers.allow).toBe('GET, HEAD, OPTIONS')
  })

  it('maps a domain error to the answer onError gives', async () => {
    const response = await call(event({ path: '/orders/missing' }))
    expect(response.status).toBe(404)
    expect(response.json()).toEqual({ error: { type: 'order_not_found', orderId: 'missing' } })
  })

  it('decodes a parameter once in all (the front door or the router) and ignores one trailing slash', async () => {
    // The client asked for /orders/a%20b%2520/.
    const path = decodesPath ? '/orders/a b%20/' : '/orders/a%20b%2520/'
    expect((await call(event({ path }))).json()).toMatchObject({ id: 'a b%20' })
  })
})

describe('matching policy', () => {
  it('matches static segments case-sensitively', async () => {
    expect((await call(apiGatewayV2Event({ path: '/Orders' }))).status).toBe(404)
  })

  it('strips an HTTP API stage that is not $default', async () => {
    const event = apiGatewayV2Event({ path: '/prod/orders/9' })
    const staged: APIGatewayProxyEventV2 = {
      ...event,
      requestContext: { ...event.requestContext, stage: 'prod' },
    }
    expect((await call(staged)).json()).toMatchObject({ id: '9' })
  })

  it('strips the base path a custom domain maps, and only a whole segment of it', async () => {
    const versioned = lambda(http()).handle(
      router({ basePath: 'v1/' }).get('/orders/{id}', (route) =>
        route.handle(({ pathParams }) => pathParams),
      ),
    )
    const read = async (path: string) => readResponse(await versioned(apiGatewayV1Event({ path }), context()))
    expect((await read('/v1/orders/3')).json()).toEqual({ id: '3' })
    expect((await read('/v10/orders/3')).status).toBe(404)
  })

  it('replaces the front door path parameters with the route’s', async () => {
    const response = await call(apiGatewayV1Event({ path: '/orders/5', pathParams: { proxy: 'orders/5' } }))
    expect(response.json()).toMatchObject({ id: '5' })
  })

  it('takes a more specific path first, then the method, then ANY', async () => {
    const routes = lambda(http()).handle(
      router()
        .get('/items/special', (route) => route.handle(() => 'static get'))
        .post('/items/{id}', (route) => route.handle(() => 'param post'))
        .on('ANY', '/items/{id}', (route) => route.handle(() => 'param any'))
        .on(['PUT', 'PATCH'], '/{rest+}', (route) => route.handle(() => 'greedy put')),
    )
    const answer = async (method: string, path: string) =>
      readResponse(await routes(apiGatewayV2Event({ method, path }), context())).json()
    expect(await answer('GET', '/items/special')).toBe('static get')
    expect(await answer('POST', '/items/special')).toBe('param post')
    expect(await answer('DELETE', '/items/special')).toBe('param any')
    expect(await answer('PUT', '/a/b')).toBe('greedy put')
  })

  it('answers the root path', async () => {
    const root = lambda(http()).handle(router().get('/', (route) => route.handle(() => 'root')))
    expect(readResponse(await root(functionUrlEvent({ path: '/' }), context())).json()).toBe('root')
  })
})

describe('route chains', () => {
  it('runs a route’s own middlewares for that route only, after their init', async () => {
    const inits: string[] = []
    const stamp = middleware<HttpRequest, { stamp: string }>({
      name: 'stamp',
      init: () => {
        inits.push('stamp')
      },
      handle: (_request, next) => next({ stamp: 'stamped' }),
    })
    const routes = lambda(http()).handle(
      router()
        .get('/a', (route) => route.use(stamp).handle(({ stamp }) => stamp))
        .get('/b', (route) => route.handle((request) => 'stamp' in request)),
    )
    const answer = async (path: string) =>
      readResponse(await routes(apiGatewayV2Event({ path }), context())).json()
    expect(await answer('/a')).toBe('stamped')
    expect(await answer('/b')).toBe(false)
    expect(inits).toEqual(['stamp'])
  })

  it('hands a route middleware the state its init resolved', async () => {
    const pool = middleware<HttpRequest, { db: string }, { readonly url: string }>({
      name: 'pool',
      init: async () => ({ url: 'db://orders' }),
      handle: (_request, next, state) => next({ db: state.url }),
    })
    const routes = lambda(http()).handle(
      router().get('/db', (route) => route.use(pool).handle(({ db }) => db)),
    )
    const response = readResponse(await routes(apiGatewayV2Event({ path: '/db' }), context()))
    expect(response.json()).toBe('db://orders')
  })

  it('maps errors with the mounted router’s mappings first, then the parent’s, async too', async () => {
    class Conflict extends Error {}
    const admin = router()
      .get('/sync', (route) =>
        route.handle(() => {
          throw new Conflict('sync')
        }),
      )
      .get('/async', (route) =>
        route.handle(async () => {
          throw new OrderNotFound('x')
        }),
      )
      .onError(Conflict, () => reply({ status: 409, body: 'admin' }))
    const routes = lambda(http()).handle(
      router()
        .mount('/admin', admin)
        .onError(Conflict, () => reply({ status: 418, body: 'parent' }))
        .onError(OrderNotFound, (error) => reply({ status: 410, body: error.orderId })),
    )
    const read = async (path: string) => readResponse(await routes(apiGatewayV2Event({ path }), context()))
    expect((await read('/admin/sync')).status).toBe(409)
    expect((await read('/admin/async')).status).toBe(410)
    expect((await read('/sync')).status).toBe(404)
  })

  it('leaves an unmapped error to the adapter: an HttpError keeps its status, anything else is a 500', async () => {
    const routes = lambda(http()).handle(
      router()
        .get('/teapot', (route) =>
          route.handle(() => {
            throw httpErrors.conflict('taken')
          }),
        )
        .get('/boom', (route) =>
          route.handle(() => {
            throw new Error('secret detail')
          }),
        ),
    )
    expect(readResponse(await routes(apiGatewayV2Event({ path: '/teapot' }), context())).status).toBe(409)
    const stderr = captureStderr()
    try {
      const response = readResponse(await routes(apiGatewayV2Event({ path: '/boom' }), context()))
      expect(response.status).toBe(500)
      expect(response.body).not.toContain('secret detail')
      expect(stderr.lines()).toMatchObject([{ level: 'ERROR', error: { message: 'secret detail' } }])
    } finally {
      stderr.spy.mockRestore()
    }
  })
})

describe('declaring routes', () => {
  it('refuses two routes that match the same requests', () => {
    const routes = router()
      .get('/orders/{id}', (route) => route.handle(() => 1))
      .get('/orders/{orderId}', (route) => route.handle(() => 2))
    expect(() => routes(apiGatewayV2Request('/orders/1'))).toThrow(
      `router(): option 'routes' must be routes that never match the same requests (GET /orders/{id} matches those of this one), got "GET /orders/{orderId}"`,
    )
  })

  it.each([
    ['orders', 'a path starting with "/"'],
    ['/orders//x', 'without an empty segment'],
    ['/files/{path+}/x', 'is its last segment'],
    ['/files/{name}.json', '"{name}.json" is not one'],
    ['/a/{id}/b/{id}', 'appears twice'],
  ])('refuses the template %s with a clear message', (template, message) => {
    let thrown: unknown
    try {
      router().get(template as '/x', (route) => route.handle(() => 1))
    } catch (error) {
      thrown = error
    }
    expect(isTsumikiError(thrown) && thrown.code).toBe('INVALID_OPTION')
    expect((thrown as Error).message).toContain(message)
  })

  it('refuses a mount prefix with parameters', () => {
    const inner = router().get('/x', (route) => route.handle(() => 1))
    expect(() => router().mount('/tenants/{tenant}', inner)).toThrow(
      "router.mount(): option 'prefix' must be a path of static segments only",
    )
  })

  it('lets onError answer the router’s own 404 and 405', async () => {
    class Unused extends Error {}
    const routes = lambda(http()).handle(
      router()
        .get('/a', (route) => route.handle(() => 'a'))
        .onError(Unused, () => 'never')
        .onError(HttpError, (error) => reply({ status: error.status, body: `custom ${error.status}` })),
    )
    const read = async (method: string, path: string) =>
      readResponse(await routes(apiGatewayV2Event({ method, path }), context()))
    expect((await read('GET', '/b')).body).toBe('custom 404')
    expect((await read('POST', '/a')).body).toBe('custom 405')
  })

  it('refuses a declaration that does not return route.handle()', () => {
    expect(() => router().get('/x', (() => ({})) as never)).toThrow('returning route.handle(fn)')
  })

  it('refuses unknown options and methods', () => {
    expect(() => router({ basepath: '/v1' } as never)).toThrow(
      "router(): option 'basepath' must be one of the known options (basePath)",
    )
    expect(() => router().on('FETCH' as never, '/x', (route) => route.handle(() => 1))).toThrow(
      `router.on(): option 'methods' must be one of 'GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'ANY', got "FETCH"`,
    )
  })

  it('is immutable: adding a route returns a new router', async () => {
    const base = router().get('/a', (route) => route.handle(() => 'a'))
    const more = base.get('/b', (route) => route.handle(() => 'b'))
    const read = async (routes: typeof base, path: string) =>
      readResponse(await lambda(http()).handle(routes)(apiGatewayV2Event({ path }), context())).status
    expect(await read(base, '/b')).toBe(404)
    expect(await read(more, '/b')).toBe(200)
  })
})

/** A request as http() makes it, for calling a router directly. */
function apiGatewayV2Request(path: string): HttpRequest {
  return {
    kind: 'http',
    variant: 'apiGatewayV2',
    method: 'GET',
    path,
    event: {},
    pathParams: {},
  } as unknown as HttpRequest
}
