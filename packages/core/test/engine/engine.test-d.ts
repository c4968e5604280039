import type {
  ALBEvent,
  ALBResult,
  APIGatewayProxyEvent,
  APIGatewayProxyEventV2,
  APIGatewayProxyHandlerV2,
  APIGatewayProxyResult,
  APIGatewayProxyResultV2,
  APIGatewayProxyStructuredResultV2,
  Context,
  EventBridgeEvent,
  LambdaFunctionURLEvent,
  S3Event,
  ScheduledEvent,
  SNSEvent,
  SQSEvent,
  SQSHandler,
} from 'aws-lambda'
import { describe, expectTypeOf, it } from 'vitest'
import {
  type AlbHandler,
  type ApiGatewayV1Handler,
  type ApiGatewayV2Handler,
  alb,
  apiGatewayV1,
  apiGatewayV2,
  type EventBridgeHandler,
  type EventBridgeRequest,
  type Extend,
  eventBridge,
  type FunctionUrlHandler,
  functionUrl,
  type HttpEvent,
  type HttpHandler,
  type HttpRequest,
  type HttpResult,
  http,
  type InvocationRequest,
  lambda,
  type Middleware,
  middleware,
  type Next,
  type RawRequest,
  reply,
  router,
  type S3Handler,
  type S3Request,
  type ScheduleHandler,
  type ScheduleRequest,
  type SnsHandler,
  type SnsRequest,
  s3,
  schedule,
  sns,
  type UnmetNeeds,
  type WrappedHandler,
  wrap,
} from '../../src/index.js'

interface User {
  readonly id: string
  readonly roles: readonly string[]
}
interface OrderInput {
  readonly sku: string
  readonly quantity: number
}

const tenant = middleware<InvocationRequest, { tenant: string }>({
  name: 'tenant',
  handle: (_request, next) => next({ tenant: 'acme' }),
})
const auth = middleware<{ headers: Readonly<Record<string, string>> }, { user: User }>({
  name: 'auth',
  handle: (request, next) => next({ user: { id: request.headers['x-user'] ?? 'anonymous', roles: [] } }),
})
const parseJson = <T>(): Middleware<{ body: string | undefined }, { body: T }> =>
  middleware<{ body: string | undefined }, { body: T }>({
    name: 'parse-json',
    handle: (request, next) => next({ body: JSON.parse(request.body ?? 'null') as T }),
  })
const timing = middleware({ name: 'timing', handle: (_request, next) => next() })

describe('.use() inference', () => {
  it('accumulates every added field through several middlewares', () => {
    lambda(http())
      .use(tenant)
      .use(auth)
      .use(timing)
      .handle((request) => {
        expectTypeOf(request.tenant).toEqualTypeOf<string>()
        expectTypeOf(request.user).toEqualTypeOf<User>()
        expectTypeOf(request.method).toEqualTypeOf<string>()
        expectTypeOf(request.signal).toEqualTypeOf<AbortSignal>()
        return null
      })
  })

  it('lets a later middleware need what an earlier one added', () => {
    const admin = middleware<{ user: User }>({
      name: 'admin-only',
      handle: (request, next) => (request.user.roles.includes('admin') ? next() : reply({ status: 403 })),
    })
    lambda(http()).use(auth).use(admin)
    // @ts-expect-error no middleware added `user` before admin-only
    lambda(http()).use(admin)
  })

  it('says what a middleware used too early needs in the type .use() asks for, on chains, routes and wrap()', () => {
    const admin = middleware<{ user: User }>({ name: 'admin-only', handle: (_request, next) => next() })
    expectTypeOf<
      UnmetNeeds<HttpRequest, { user: User }>
    >().toEqualTypeOf<'tsumiki: this middleware needs `user`, which no earlier .use() adds'>()
    // Every missing field in one message (in the order TypeScript keeps the union in).
    expectTypeOf<UnmetNeeds<SnsRequest, { user: User; tenant: string }>>().not.toBeNever()
    expectTypeOf<UnmetNeeds<SnsRequest, { user: User; tenant: string }>>().toExtend<
      | 'tsumiki: this middleware needs `user`, `tenant`, which no earlier .use() adds'
      | 'tsumiki: this middleware needs `tenant`, `user`, which no earlier .use() adds'
    >()
    expectTypeOf<
      UnmetNeeds<HttpRequest, { body: string }>
    >().toEqualTypeOf<"tsumiki: this middleware needs `body` of another type than the chain's request has">()
    // @ts-expect-error a route's chain: no middleware added `user` before admin-only
    router().get('/x', (route) => route.use(admin).handle(() => 1))
    // @ts-expect-error wrap(): no middleware added `user` before admin-only
    wrap((_event: unknown) => 1).use(admin)
    router().get('/x', (route) =>
      route
        .use(auth)
        .use(admin)
        .handle(() => 1),
    )
    wrap((_event: unknown) => 1)
      .use(auth as unknown as Middleware<RawRequest, { user: User }>)
      .use(admin)
  })

  it('refuses a middleware that would change the type of a field, naming the field', () => {
    // @ts-expect-error body is `string | undefined` on HTTP; a middleware may narrow it, never make it an OrderInput
    lambda(http()).use(parseJson<OrderInput>())
    // @ts-expect-error same on SNS, whose body is a string
    lambda(sns()).use(parseJson<OrderInput>())
  })

  it('accepts a middleware that narrows a field to a subtype', () => {
    const jsonOnly = middleware<HttpRequest, { body: string }>({
      name: 'require-body',
      handle: (request, next) => next({ body: request.body ?? '' }),
    })
    lambda(http())
      .use(jsonOnly)
      .handle((request) => {
        expectTypeOf(request.body).toEqualTypeOf<string>()
        return null
      })
  })

  it('merges `input` from several validators instead of replacing it', () => {
    const bodyValidator = middleware<HttpRequest, { input: { body: OrderInput } }>({
      name: 'body',
      handle: (_request, next) => next({ input: { body: { sku: 'a', quantity: 1 } } }),
    })
    const queryValidator = middleware<HttpRequest, { input: { query: { page: number } } }>({
      name: 'query',
      handle: (_request, next) => next({ input: { query: { page: 1 } } }),
    })
    lambda(http())
      .use(bodyValidator)
      .use(queryValidator)
      .handle((request) => {
        expectTypeOf(request.input.body).toEqualTypeOf<OrderInput>()
        expectTypeOf(request.input.query.page).toEqualTypeOf<number>()
        expectTypeOf(request.body).toEqualTypeOf<string | undefined>()
        return null
      })
  })

  it('lets a middleware typed on HttpRequest run after any other middleware of the chain', () => {
    const requireApiKey = middleware<HttpRequest, { caller: string }>({
      name: 'require-api-key',
      handle: (request, next) => next({ caller: request.headers['x-api-key'] ?? 'anonymous' }),
    })
    const bodyValidator = middleware<HttpRequest, { input: { body: OrderInput } }>({
      name: 'body',
      handle: (_request, next) => next({ input: { body: { sku: 'a', quantity: 1 } } }),
    })
    lambda(http())
      .use(tenant)
      .use(bodyValidator)
      .use(requireApiKey)
      .handle((request) => {
        expectTypeOf(request.caller).toEqualTypeOf<string>()
        expectTypeOf(request.input.body).toEqualTypeOf<OrderInput>()
        return null
      })
  })

  it('keeps the type true for an outer layer that reads a field after next()', () => {
    const outer = middleware<HttpRequest>({
      name: 'outer',
      async handle(request, next) {
        const result = await next()
        expectTypeOf(request.body).toEqualTypeOf<string | undefined>()
        return result
      },
    })
    lambda(http()).use(outer)
  })

  it('keeps the request type flat: Extend intersects what is added', () => {
    expectTypeOf<Extend<{ a: string }, {}>>().toEqualTypeOf<{ a: string }>()
    expectTypeOf<Extend<{ a: string }, { b: number }>>().toEqualTypeOf<{ a: string } & { b: number }>()
    expectTypeOf<Extend<{ a: string | undefined }, { a: string }>['a']>().toEqualTypeOf<string>()
  })
})

describe('init state', () => {
  it('hands what init() resolved to every handle call, typed', () => {
    interface Pool {
      query(sql: string): Promise<number>
    }
    const database = middleware({
      name: 'database',
      init: async (): Promise<Pool> => ({ query: async () => 1 }),
      handle(_request: InvocationRequest, next: () => unknown, pool) {
        expectTypeOf(pool).toEqualTypeOf<Pool>()
        return next()
      },
    })
    expectTypeOf(database).toEqualTypeOf<Middleware<InvocationRequest, {}, Pool>>()
    lambda(http()).use(database)
  })

  it('names the state with explicit type arguments', () => {
    const config = middleware<InvocationRequest, { region: string }, { region: string }>({
      name: 'config',
      init: () => ({ region: 'eu-west-1' }),
      handle: (_request, next, state) => next({ region: state.region }),
    })
    lambda(http())
      .use(config)
      .handle((request) => {
        expectTypeOf(request.region).toEqualTypeOf<string>()
        return null
      })
    middleware<InvocationRequest, {}, { region: string }>({
      name: 'config',
      // @ts-expect-error init must resolve to the declared state
      init: () => ({ region: 1 }),
      handle: (_request, next) => next(),
    })
  })
})

describe('middleware()', () => {
  it('types the request with what the middleware needs and next() with what it adds', () => {
    middleware<HttpRequest, { user: User }>({
      name: 'auth',
      handle(request, next) {
        expectTypeOf(request).toEqualTypeOf<HttpRequest>()
        expectTypeOf(next).toEqualTypeOf<(added: { user: User }) => unknown>()
        return next({ user: { id: 'u-1', roles: [] } })
      },
    })
  })

  it('gives a middleware that adds nothing a next() without arguments', () => {
    expectTypeOf<Next<{}>>().toEqualTypeOf<() => unknown>()
    middleware({
      name: 'noop',
      handle(request, next) {
        expectTypeOf(request).toEqualTypeOf<InvocationRequest>()
        return next()
      },
    })
  })

  it('rejects next() without the fields the middleware promised', () => {
    middleware<InvocationRequest, { user: User }>({
      name: 'auth',
      // @ts-expect-error next() must be given `user`
      handle: (_request, next) => next(),
    })
    middleware<InvocationRequest, { user: User }>({
      name: 'auth',
      // @ts-expect-error `user` has the wrong type
      handle: (_request, next) => next({ user: 'u-1' }),
    })
  })

  it('accepts an optional init returning nothing or a promise of nothing', () => {
    middleware({ name: 'sync-init', init: () => {}, handle: (_request, next) => next() })
    middleware({ name: 'async-init', init: async () => {}, handle: (_request, next) => next() })
    expectTypeOf<Middleware['init']>().toEqualTypeOf<(() => void | PromiseLike<void>) | undefined>()
  })
})

describe('named handler types', () => {
  it('names the handler of every adapter', () => {
    expectTypeOf(lambda(http()).handle(() => 'ok')).toEqualTypeOf<HttpHandler>()
    expectTypeOf(lambda(apiGatewayV1()).handle(() => 'ok')).toEqualTypeOf<ApiGatewayV1Handler>()
    expectTypeOf(lambda(apiGatewayV2()).handle(() => 'ok')).toEqualTypeOf<ApiGatewayV2Handler>()
    expectTypeOf(lambda(functionUrl()).handle(() => 'ok')).toEqualTypeOf<FunctionUrlHandler>()
    expectTypeOf(lambda(alb()).handle(() => 'ok')).toEqualTypeOf<AlbHandler>()
    expectTypeOf(lambda(sns()).handle(() => {})).toEqualTypeOf<SnsHandler>()
    expectTypeOf(lambda(s3()).handle(() => {})).toEqualTypeOf<S3Handler>()
    expectTypeOf(lambda(eventBridge<'Order Placed', OrderInput, number>()).handle(() => 1)).toEqualTypeOf<
      EventBridgeHandler<'Order Placed', OrderInput, number>
    >()
    expectTypeOf(lambda(schedule()).handle(() => {})).toEqualTypeOf<ScheduleHandler>()
  })

  it('keeps the named type after .use(): middlewares change the request, not the handler', () => {
    expectTypeOf(
      lambda(sns())
        .use(tenant)
        .use(timing)
        .handle(() => {}),
    ).toEqualTypeOf<SnsHandler>()
  })

  it('gives each handler the event and result types of its source', () => {
    expectTypeOf<HttpHandler>().parameters.toEqualTypeOf<[HttpEvent, Context]>()
    expectTypeOf<HttpHandler>().returns.resolves.toEqualTypeOf<HttpResult>()
    expectTypeOf<ApiGatewayV1Handler>().parameters.toEqualTypeOf<[APIGatewayProxyEvent, Context]>()
    expectTypeOf<ApiGatewayV1Handler>().returns.resolves.toEqualTypeOf<APIGatewayProxyResult>()
    expectTypeOf<ApiGatewayV2Handler>().parameters.toEqualTypeOf<[APIGatewayProxyEventV2, Context]>()
    expectTypeOf<ApiGatewayV2Handler>().returns.resolves.toEqualTypeOf<APIGatewayProxyStructuredResultV2>()
    expectTypeOf<FunctionUrlHandler>().parameters.toEqualTypeOf<[LambdaFunctionURLEvent, Context]>()
    expectTypeOf<AlbHandler>().parameters.toEqualTypeOf<[ALBEvent, Context]>()
    expectTypeOf<AlbHandler>().returns.resolves.toEqualTypeOf<ALBResult>()
    expectTypeOf<SnsHandler>().parameters.toEqualTypeOf<[SNSEvent, Context]>()
    expectTypeOf<SnsHandler>().returns.resolves.toEqualTypeOf<void>()
    expectTypeOf<S3Handler>().parameters.toEqualTypeOf<[S3Event, Context]>()
    expectTypeOf<EventBridgeHandler<'Order Placed', OrderInput, number>>().parameters.toEqualTypeOf<
      [EventBridgeEvent<'Order Placed', OrderInput>, Context]
    >()
    expectTypeOf<
      EventBridgeHandler<'Order Placed', OrderInput, number>
    >().returns.resolves.toEqualTypeOf<number>()
    expectTypeOf<ScheduleHandler>().parameters.toEqualTypeOf<[ScheduledEvent, Context]>()
    expectTypeOf<ScheduleHandler<{ job: string }>>().parameters.toEqualTypeOf<[{ job: string }, Context]>()
  })
})

describe('request type of each adapter', () => {
  it('is an HttpRequest of the front door event', () => {
    lambda(http()).handle((request) => {
      expectTypeOf(request).toEqualTypeOf<HttpRequest<HttpEvent>>()
    })
    lambda(apiGatewayV2()).handle((request) => {
      expectTypeOf(request).toEqualTypeOf<HttpRequest<APIGatewayProxyEventV2>>()
      expectTypeOf(request.event.rawPath).toEqualTypeOf<string>()
    })
    lambda(functionUrl()).handle((request) => {
      expectTypeOf(request).toEqualTypeOf<HttpRequest<LambdaFunctionURLEvent>>()
    })
    lambda(alb()).handle((request) => {
      expectTypeOf(request).toEqualTypeOf<HttpRequest<ALBEvent>>()
      expectTypeOf(request.query).toEqualTypeOf<Readonly<Record<string, string>>>()
      expectTypeOf(request.multiQuery).toEqualTypeOf<Readonly<Record<string, readonly string[]>>>()
      expectTypeOf(request.body).toEqualTypeOf<string | undefined>()
    })
  })

  it('is a per-record request on SNS and S3', () => {
    lambda(sns()).handle((request) => {
      expectTypeOf(request).toEqualTypeOf<SnsRequest>()
      expectTypeOf(request.body).toEqualTypeOf<string>()
      expectTypeOf(request.attributes).toEqualTypeOf<Readonly<Record<string, string>>>()
      expectTypeOf(request.event).toEqualTypeOf<SNSEvent>()
    })
    lambda(s3()).handle((request) => {
      expectTypeOf(request).toEqualTypeOf<S3Request>()
      expectTypeOf(request.key).toEqualTypeOf<string>()
      expectTypeOf(request.size).toEqualTypeOf<number | undefined>()
    })
  })

  it('carries the detail type on EventBridge and the input on schedules', () => {
    lambda(eventBridge<'Order Placed', OrderInput>()).handle((request) => {
      expectTypeOf(request).toEqualTypeOf<EventBridgeRequest<'Order Placed', OrderInput>>()
      expectTypeOf(request.detailType).toEqualTypeOf<'Order Placed'>()
      expectTypeOf(request.detail).toEqualTypeOf<OrderInput>()
      expectTypeOf(request.body).toEqualTypeOf<OrderInput>()
    })
    lambda(schedule()).handle((request) => {
      expectTypeOf(request).toEqualTypeOf<ScheduleRequest<ScheduledEvent>>()
    })
    lambda(schedule<{ job: string }>()).handle((request) => {
      expectTypeOf(request.payload).toEqualTypeOf<{ job: string }>()
      expectTypeOf(request.scheduleArn).toEqualTypeOf<string | undefined>()
    })
  })
})

describe('handler results', () => {
  it('rejects a handler returning the wrong type for eventBridge<..., ..., number>()', () => {
    lambda(eventBridge<'Order Placed', OrderInput, number>()).handle((request) => request.detail.quantity)
    lambda(eventBridge<'Order Placed', OrderInput, number>()).handle(async () => 1)
    // @ts-expect-error the function result must be a number
    lambda(eventBridge<'Order Placed', OrderInput, number>()).handle(() => 'one')
    // @ts-expect-error a promise of a string is no better
    lambda(eventBridge<'Order Placed', OrderInput, number>()).handle(async () => 'one')
  })
})

describe('source checks', () => {
  it('rejects a middleware needing HTTP fields on an SNS chain', () => {
    const needsHttp = middleware<HttpRequest, {}>({ name: 'cors', handle: (_request, next) => next() })
    lambda(http()).use(needsHttp)
    lambda(apiGatewayV1()).use(needsHttp)
    // @ts-expect-error SNS requests have no method, path or headers
    lambda(sns()).use(needsHttp)
    // @ts-expect-error nor do S3 requests
    lambda(s3()).use(auth)
  })

  it('rejects reading a field of another source', () => {
    lambda(s3()).handle((request) => {
      // @ts-expect-error S3 requests have no headers
      void request.headers
    })
  })
})

describe('wrap()', () => {
  it('takes the handler types of @types/aws-lambda, callback included, without a cast', () => {
    const legacy: APIGatewayProxyHandlerV2 = async (event) => ({ statusCode: 200, body: event.rawPath })
    const wrapped = wrap(legacy).use(tenant)
    expectTypeOf(wrapped).parameters.toEqualTypeOf<[APIGatewayProxyEventV2, Context]>()
    expectTypeOf(wrapped).returns.resolves.toEqualTypeOf<APIGatewayProxyResultV2>()
    const sqsLegacy: SQSHandler = async () => {}
    expectTypeOf(wrap(sqsLegacy)).parameters.toEqualTypeOf<[SQSEvent, Context]>()
  })

  it('keeps the legacy signature through several .use()', () => {
    const legacy = async (event: SNSEvent, _context: Context): Promise<{ processed: number }> => ({
      processed: event.Records.length,
    })
    const wrapped = wrap(legacy).use(tenant).use(timing)
    expectTypeOf(wrapped).parameters.toEqualTypeOf<[SNSEvent, Context]>()
    expectTypeOf(wrapped).returns.resolves.toEqualTypeOf<{ processed: number }>()
    expectTypeOf(wrapped).toMatchTypeOf<
      (event: SNSEvent, context: Context) => Promise<{ processed: number }>
    >()
    expectTypeOf(wrap(legacy)).toEqualTypeOf<WrappedHandler<SNSEvent, { processed: number }>>()
  })

  it('gives middlewares the raw event, so they can read it typed', () => {
    const legacy = (event: APIGatewayProxyEvent) => ({ statusCode: 200, body: event.path })
    wrap(legacy).use(
      middleware<RawRequest<APIGatewayProxyEvent>>({
        name: 'path-logger',
        handle: (request, next) => {
          expectTypeOf(request.event.path).toEqualTypeOf<string>()
          return next()
        },
      }),
    )
    // @ts-expect-error wrap() requests have no parsed headers: that is an adapter's job
    wrap(legacy).use(auth)
  })

  it('unwraps a synchronous result into a promise', () => {
    const wrapped = wrap((_event: { n: number }) => 42)
    expectTypeOf(wrapped).returns.toEqualTypeOf<Promise<number>>()
  })
})
