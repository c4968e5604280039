import type { APIGatewayProxyEvent } from 'aws-lambda'
import { describe, expectTypeOf, it } from 'vitest'
import {
  type ApiGatewayV1Handler,
  apiGatewayV1,
  type HttpHandler,
  type HttpRequest,
  http,
  lambda,
  middleware,
  type PathParamsOf,
  reply,
  router,
} from '../../src/index.js'

const withTenant = middleware<HttpRequest, { tenant: string }>({
  name: 'tenant',
  handle: (request, next) => next({ tenant: request.headers['x-tenant'] ?? 'none' }),
})
const withUser = middleware<HttpRequest, { user: { id: string } }>({
  name: 'user',
  handle: (_request, next) => next({ user: { id: 'u1' } }),
})
const needsUser = middleware<{ user: { id: string } }, { admin: boolean }>({
  name: 'needs-user',
  handle: (request, next) => next({ admin: request.user.id === 'root' }),
})

class OrderNotFound extends Error {
  constructor(readonly orderId: string) {
    super(`No order ${orderId}`)
  }
}

describe('path parameters are typed from the template', () => {
  it('gives each parameter as a string, a greedy one too, and nothing for a static template', () => {
    expectTypeOf<PathParamsOf<'/orders/{id}'>>().toEqualTypeOf<{ readonly id: string }>()
    expectTypeOf<PathParamsOf<'/users/{userId}/orders/{orderId}'>>().toEqualTypeOf<{
      readonly userId: string
      readonly orderId: string
    }>()
    expectTypeOf<PathParamsOf<'/files/{path+}'>>().toEqualTypeOf<{ readonly path: string }>()
    expectTypeOf<PathParamsOf<'/health'>>().toEqualTypeOf<{}>()
    expectTypeOf<PathParamsOf<string>>().toEqualTypeOf<Readonly<Record<string, string>>>()
  })

  it('types pathParams in the route handler, not as string | undefined', () => {
    router().get('/orders/{id}/lines/{line}', (route) =>
      route.handle(({ pathParams }) => {
        expectTypeOf(pathParams.id).toEqualTypeOf<string>()
        expectTypeOf(pathParams.line).toEqualTypeOf<string>()
        return pathParams.id
      }),
    )
  })

  it('types a template built at run time as any name, maybe missing', () => {
    const template: string = ['', 'orders', '{id}'].join('/')
    router().get(template, (route) =>
      route.handle(({ pathParams }) => {
        expectTypeOf(pathParams.id).toEqualTypeOf<string | undefined>()
      }),
    )
  })

  it('keeps the refined pathParams a subtype of the HTTP request field', () => {
    router().get('/orders/{id}', (route) =>
      route.handle((request) => {
        expectTypeOf(request).toExtend<HttpRequest>()
        expectTypeOf(request.pathParams).toExtend<HttpRequest['pathParams']>()
      }),
    )
  })
})

describe('the router is the handler of an http() chain', () => {
  it('sees the fields the chain around it adds, read from the builder', () => {
    const base = lambda(http()).use(withTenant)
    const handler = base.handle(
      router<typeof base>().get('/orders/{id}', (route) =>
        route.handle(({ tenant, pathParams }) => {
          expectTypeOf(tenant).toEqualTypeOf<string>()
          return { tenant, id: pathParams.id }
        }),
      ),
    )
    expectTypeOf(handler).toEqualTypeOf<HttpHandler>()
  })

  it('serves a chain fixed to one front door, typed for its event', () => {
    const restBase = lambda(apiGatewayV1()).use(withTenant)
    const handler = restBase.handle(
      router<typeof restBase>().get('/orders/{id}', (route) =>
        route.handle(({ event, tenant }) => {
          expectTypeOf(event).toEqualTypeOf<APIGatewayProxyEvent>()
          return tenant
        }),
      ),
    )
    expectTypeOf(handler).toEqualTypeOf<ApiGatewayV1Handler>()
  })

  it('lets a router() typed on HttpRequest alone serve any HTTP chain, and mounts it', () => {
    const base = lambda(http()).use(withTenant)
    const admin = router().get('/stats', (route) => route.handle(() => ({ ok: true })))
    base.handle(admin)
    base.handle(router<typeof base>().mount('/admin', admin))
  })

  it('types per-route middlewares for their route only', () => {
    router()
      .post('/orders', (route) =>
        route.use(withUser).handle(({ user }) => {
          expectTypeOf(user).toEqualTypeOf<{ id: string }>()
          return user.id
        }),
      )
      .get('/orders', (route) =>
        route.handle((request) => {
          expectTypeOf(request).not.toHaveProperty('user')
        }),
      )
  })

  it('types onError answers by the error class and the request', () => {
    const base = lambda(http()).use(withTenant)
    router<typeof base>().onError(OrderNotFound, (error, request) => {
      expectTypeOf(error).toEqualTypeOf<OrderNotFound>()
      expectTypeOf(request.tenant).toEqualTypeOf<string>()
      return reply({ status: 404, body: { orderId: error.orderId } })
    })
  })
})

describe('misuse does not compile', () => {
  it('rejects malformed templates with a sentence', () => {
    // @ts-expect-error: a route template starts with "/"
    router().get('orders', (route) => route.handle(() => 1))
    // @ts-expect-error: an unclosed parameter
    router().get('/orders/{id', (route) => route.handle(() => 1))
    // @ts-expect-error: a greedy parameter must be last
    router().get('/files/{path+}/meta', (route) => route.handle(() => 1))
    // @ts-expect-error: a parameter is a whole segment
    router().get('/files/{name}.json', (route) => route.handle(() => 1))
  })

  it('rejects a parameter the template does not declare', () => {
    router().get('/orders/{id}', (route) =>
      route.handle(({ pathParams }) => {
        // @ts-expect-error: no {orderId} in the template
        return pathParams.orderId
      }),
    )
  })

  it('rejects a route middleware whose needs the route does not meet', () => {
    // @ts-expect-error: needsUser needs request.user, which only withUser adds
    router().get('/me', (route) => route.use(needsUser).handle(() => 1))
    router().get('/me', (route) =>
      route
        .use(withUser)
        .use(needsUser)
        .handle(({ admin }) => admin),
    )
  })

  it('rejects a route middleware that would change a field’s type', () => {
    const numericBody = middleware<HttpRequest, { body: number }>({
      name: 'numeric-body',
      handle: (_request, next) => next({ body: 1 }),
    })
    // @ts-expect-error: fields only grow; body stays the raw text
    router().post('/x', (route) => route.use(numericBody).handle(() => 1))
  })

  it('rejects a declaration that does not end with handle()', () => {
    // @ts-expect-error: the declaration must return route.handle(fn)
    router().get('/me', (route) => route.use(withUser))
  })

  it('rejects a router that needs fields the chain does not add', () => {
    const needsTenant = router<HttpRequest & { tenant: string }>().get('/x', (route) =>
      route.handle(({ tenant }) => tenant),
    )
    // @ts-expect-error: the bare http() chain adds no tenant
    lambda(http()).handle(needsTenant)
    // @ts-expect-error: nor can it be mounted in a router of such a chain
    router().mount('/t', needsTenant)
  })

  it('rejects router() on a chain that is not HTTP', () => {
    // @ts-expect-error: a router routes HTTP requests
    router<{ kind: 'sqs' }>()
  })
})
