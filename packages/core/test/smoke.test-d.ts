import type { APIGatewayProxyEvent, Context } from 'aws-lambda'
import { describe, expectTypeOf, it } from 'vitest'
import {
  type ApiGatewayV1Handler,
  apiGatewayV1,
  type HttpHandler,
  type HttpRequest,
  http,
  type InvocationRequest,
  lambda,
  type Middleware,
  middleware,
  sns,
  wrap,
} from '../src/index.js'

interface Logger {
  info(message: string): void
}
const logger = (): Middleware<InvocationRequest, { log: Logger }> =>
  middleware<InvocationRequest, { log: Logger }>({
    name: 'logger',
    handle: (_request, next) => next({ log: { info: () => {} } }),
  })
const params = <T extends Record<string, string>>(
  values: T,
): Middleware<InvocationRequest, { params: T }> => ({
  name: 'params',
  handle: (_request, next) => next({ params: values }),
})
const parseBody = <T>(): Middleware<{ body: string | undefined }, { input: { body: T } }> => ({
  name: 'parse',
  handle: (request, next) => next({ input: { body: JSON.parse(request.body ?? 'null') as T } }),
})

describe('request type through .use()', () => {
  it('grows with each middleware', () => {
    const handler = lambda(http())
      .use(logger())
      .use(params({ table: 'orders' }))
      .use(parseBody<{ qty: number }>())
      .handle((request) => {
        expectTypeOf(request.log).toEqualTypeOf<Logger>()
        expectTypeOf(request.params.table).toEqualTypeOf<string>()
        expectTypeOf(request.input.body).toEqualTypeOf<{ qty: number }>()
        expectTypeOf(request.body).toEqualTypeOf<string | undefined>()
        expectTypeOf(request.method).toEqualTypeOf<string>()
        return { ok: true }
      })
    expectTypeOf(handler).toEqualTypeOf<HttpHandler>()
  })
  it('names the handler type of a single-variant adapter', () => {
    const handler = lambda(apiGatewayV1()).handle((request) => {
      expectTypeOf(request).toEqualTypeOf<HttpRequest<APIGatewayProxyEvent>>()
    })
    expectTypeOf(handler).toEqualTypeOf<ApiGatewayV1Handler>()
  })
  it('rejects a field no middleware added', () => {
    lambda(http()).handle((request) => {
      // @ts-expect-error log was never added
      request.log.info('x')
    })
  })
  it('rejects a middleware whose needs the source does not meet', () => {
    // @ts-expect-error SNS requests have no headers (the error is the argument's: no earlier .use() adds them)
    lambda(sns()).use({
      name: 'x',
      handle: (_r: { headers: Record<string, string> }, next: () => unknown) => next(),
    })
  })
  it('wrap keeps the handler signature', () => {
    const legacy = async (event: APIGatewayProxyEvent, _context: Context) => ({
      statusCode: 200,
      body: event.path,
    })
    const wrapped = wrap(legacy).use(logger())
    expectTypeOf(wrapped).parameters.toEqualTypeOf<[APIGatewayProxyEvent, Context]>()
    expectTypeOf(wrapped).returns.resolves.toEqualTypeOf<{ statusCode: number; body: string }>()
  })
})
