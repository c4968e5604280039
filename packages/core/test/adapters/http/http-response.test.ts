import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  alb,
  apiGatewayV1,
  apiGatewayV2,
  functionUrl,
  HttpError,
  type HttpEvent,
  type HttpResult,
  http,
  httpErrors,
  InvalidOptionError,
  lambda,
  markErrorReported,
  reply,
} from '../../../src/index.js'
import {
  albEvent,
  albMultiValueEvent,
  apiGatewayV1Event,
  apiGatewayV2Event,
  captureStderr,
  context,
  functionUrlEvent,
  readResponse,
} from '../../support/index.js'

afterEach(() => {
  vi.restoreAllMocks()
})

const json = 'application/json; charset=utf-8'

/** Answers one event with whatever the handler returns or throws. */
function answer(event: HttpEvent, handle: () => unknown, awsRequestId = 'req-1'): Promise<HttpResult> {
  return lambda(http()).handle(handle)(event, context(3_000, { awsRequestId }))
}

const frontDoors = [
  ['API Gateway REST', apiGatewayV1Event],
  ['HTTP API', apiGatewayV2Event],
  ['Function URL', functionUrlEvent],
  ['ALB', albEvent],
  ['ALB with multi-value headers', albMultiValueEvent],
] as const

describe.each(frontDoors)('responses on %s', (_name, event) => {
  it('sends a plain value as 200 JSON', async () => {
    const response = readResponse(await answer(event({}), () => ({ orderId: 'ord-1', total: 12.5 })))
    expect(response.status).toBe(200)
    expect(response.headers['content-type']).toBe(json)
    expect(response.json()).toEqual({ orderId: 'ord-1', total: 12.5 })
    expect(response.isBase64Encoded).toBe(false)
  })

  it('sends a returned string as a JSON string', async () => {
    const response = readResponse(await answer(event({}), () => 'hello'))
    expect(response.status).toBe(200)
    expect(response.body).toBe('"hello"')
    expect(response.headers['content-type']).toBe(json)
  })

  it('sends null and arrays as JSON too', async () => {
    expect(readResponse(await answer(event({}), () => null)).body).toBe('null')
    expect(readResponse(await answer(event({}), () => [1, 2])).body).toBe('[1,2]')
  })

  it('answers 204 with an empty body when the handler returns nothing', async () => {
    const response = readResponse(await answer(event({}), () => undefined))
    expect(response.status).toBe(204)
    expect(response.body).toBe('')
    expect(response.headers).toEqual({})
  })

  it('sends a reply() with its status, lower-cased headers and a string body as text', async () => {
    const response = readResponse(
      await answer(event({}), () =>
        reply({ status: 201, headers: { Location: '/orders/ord-1' }, body: 'created' }),
      ),
    )
    expect(response.status).toBe(201)
    expect(response.headers).toEqual({
      location: '/orders/ord-1',
      'content-type': 'text/plain; charset=utf-8',
    })
    expect(response.body).toBe('created')
  })

  it('keeps the content-type a reply() sets', async () => {
    const response = readResponse(
      await answer(event({}), () =>
        reply({ headers: { 'Content-Type': 'text/csv' }, body: 'id,total\n1,12.5\n' }),
      ),
    )
    expect(response.status).toBe(200)
    expect(response.headers['content-type']).toBe('text/csv')
    expect(response.body).toBe('id,total\n1,12.5\n')
  })

  it('sends reply() bytes base64-encoded', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
    const response = readResponse(await answer(event({}), () => reply({ body: png })))
    expect(response.isBase64Encoded).toBe(true)
    expect(response.headers['content-type']).toBe('application/octet-stream')
    expect(Buffer.from(response.body, 'base64')).toEqual(Buffer.from(png))
  })

  it('sends only the viewed bytes of a subarray', async () => {
    const bytes = new Uint8Array([1, 2, 3, 4, 5]).subarray(1, 3)
    const response = readResponse(await answer(event({}), () => reply({ body: bytes })))
    expect([...Buffer.from(response.body, 'base64')]).toEqual([2, 3])
  })

  it('sends a reply() object body as JSON', async () => {
    const response = readResponse(
      await answer(event({}), () => reply({ status: 202, body: { queued: true } })),
    )
    expect(response.status).toBe(202)
    expect(response.headers['content-type']).toBe(json)
    expect(response.json()).toEqual({ queued: true })
  })

  it('sends a reply() without a body with an empty body', async () => {
    const response = readResponse(
      await answer(event({}), () => reply({ status: 304, headers: { ETag: '"v1"' } })),
    )
    expect(response.status).toBe(304)
    expect(response.headers).toEqual({ etag: '"v1"' })
    expect(response.body).toBe('')
  })

  it('never mistakes a returned object with a status field for a reply', async () => {
    const response = readResponse(await answer(event({}), () => ({ status: 404, body: 'not a reply' })))
    expect(response.status).toBe(200)
    expect(response.json()).toEqual({ status: 404, body: 'not a reply' })
  })

  it('answers an HttpError with its status and { error: { type, message, details } }', async () => {
    const response = readResponse(
      await answer(event({}), () => {
        throw new HttpError(409, 'Order ord-1 was already paid', { details: { orderId: 'ord-1' } })
      }),
    )
    expect(response.status).toBe(409)
    expect(response.headers['content-type']).toBe(json)
    expect(response.json()).toEqual({
      error: { type: 'conflict', message: 'Order ord-1 was already paid', details: { orderId: 'ord-1' } },
    })
  })

  it('sends the headers of an HttpError, such as retry-after', async () => {
    const response = readResponse(
      await answer(event({}), async () => {
        throw httpErrors.tooManyRequests('Slow down', { headers: { 'Retry-After': '30' } })
      }),
    )
    expect(response.status).toBe(429)
    expect(response.headers['retry-after']).toBe('30')
    expect(response.json()).toEqual({ error: { type: 'too_many_requests', message: 'Slow down' } })
  })

  it('answers an unknown error with a generic 500 that leaks nothing, and logs it once with the request id', async () => {
    const stderr = captureStderr()
    const response = readResponse(
      await answer(
        event({}),
        () => {
          throw new Error('connect ECONNREFUSED 10.0.3.7:5432 password=hunter2')
        },
        'req-500',
      ),
    )
    expect(response.status).toBe(500)
    expect(response.json()).toEqual({ error: { type: 'internal', message: 'Internal server error' } })
    expect(response.body).not.toContain('ECONNREFUSED')
    expect(response.body).not.toContain('hunter2')
    expect(response.body).not.toContain('at ')
    expect(stderr.spy).toHaveBeenCalledTimes(1)
    expect(stderr.lines()[0]).toMatchObject({
      level: 'ERROR',
      function_request_id: 'req-500',
      error: { name: 'Error', message: 'connect ECONNREFUSED 10.0.3.7:5432 password=hunter2' },
    })
  })
})

describe('HTTP error responses', () => {
  it.each([
    ['badRequest', 400, 'bad_request', 'Bad request'],
    ['unauthorized', 401, 'unauthorized', 'Unauthorized'],
    ['forbidden', 403, 'forbidden', 'Forbidden'],
    ['notFound', 404, 'not_found', 'Not found'],
    ['conflict', 409, 'conflict', 'Conflict'],
    ['unprocessableEntity', 422, 'unprocessable_entity', 'Unprocessable entity'],
    ['tooManyRequests', 429, 'too_many_requests', 'Too many requests'],
  ] as const)('httpErrors.%s() answers %i %s', async (shorthand, status, type, message) => {
    const response = readResponse(
      await answer(apiGatewayV2Event({}), () => {
        throw httpErrors[shorthand]()
      }),
    )
    expect(response.status).toBe(status)
    expect(response.json()).toEqual({ error: { type, message } })
  })

  it('does not log a 4xx HttpError: it is the client’s mistake, not ours', async () => {
    const stderr = captureStderr()
    await answer(apiGatewayV2Event({}), () => {
      throw httpErrors.notFound('No order ord-404')
    })
    expect(stderr.spy).not.toHaveBeenCalled()
  })

  it('logs a 5xx HttpError once, and still sends its message to the client', async () => {
    const stderr = captureStderr()
    const response = readResponse(
      await answer(apiGatewayV2Event({}), () => {
        throw new HttpError(503, 'Payments are paused for maintenance', { headers: { 'retry-after': '120' } })
      }),
    )
    expect(response.status).toBe(503)
    expect(response.headers['retry-after']).toBe('120')
    expect(response.json()).toEqual({
      error: { type: 'service_unavailable', message: 'Payments are paused for maintenance' },
    })
    expect(stderr.spy).toHaveBeenCalledTimes(1)
  })

  it('does not log again an error a logger middleware already reported', async () => {
    const stderr = captureStderr()
    const handler = lambda(apiGatewayV2())
      .use({
        name: 'logger',
        async handle(_request, next) {
          try {
            return await next()
          } catch (error) {
            markErrorReported(error)
            throw error
          }
        },
      })
      .handle(() => {
        throw new Error('boom')
      })

    const response = readResponse(await handler(apiGatewayV2Event({}), context()))
    expect(response.status).toBe(500)
    expect(stderr.spy).not.toHaveBeenCalled()
  })

  it('logs an error that passed through several layers only once', async () => {
    const stderr = captureStderr()
    const layersThatSawIt: string[] = []
    const rethrow = {
      name: 'rethrow',
      async handle(_request: object, next: () => unknown) {
        try {
          return await next()
        } catch (caught) {
          layersThatSawIt.push((caught as Error).message)
          throw caught
        }
      },
    }
    const handler = lambda(apiGatewayV1())
      .use(rethrow)
      .use({ ...rethrow, name: 'rethrow-again' })
      .handle(() => {
        throw new Error('flaky dependency')
      })

    const response = readResponse(await handler(apiGatewayV1Event({}), context()))
    expect(response.status).toBe(500)
    expect(layersThatSawIt).toEqual(['flaky dependency', 'flaky dependency'])
    expect(stderr.spy).toHaveBeenCalledTimes(1)
  })

  it('answers 500 when the result cannot be sent as JSON', async () => {
    const stderr = captureStderr()
    const response = readResponse(await answer(apiGatewayV2Event({}), () => ({ total: 10n })))
    expect(response.status).toBe(500)
    expect(response.json()).toEqual({ error: { type: 'internal', message: 'Internal server error' } })
    expect(stderr.spy).toHaveBeenCalledTimes(1)
  })

  it('answers 500 when a handler builds a reply() with an impossible status', async () => {
    captureStderr()
    expect(() => reply({ status: 99 })).toThrow(InvalidOptionError)
    const response = readResponse(await answer(apiGatewayV2Event({}), () => reply({ status: 1000 })))
    expect(response.status).toBe(500)
  })
})

describe('API Gateway REST (payload 1.0) format', () => {
  it('always has a string body, even for 204', async () => {
    const result = await lambda(apiGatewayV1()).handle(() => undefined)(apiGatewayV1Event({}), context())
    expect(result).toEqual({ statusCode: 204, headers: {}, body: '', isBase64Encoded: false })
  })

  it('puts several Set-Cookie values in multiValueHeaders', async () => {
    const result = await lambda(apiGatewayV1()).handle(() =>
      reply({ body: { ok: true }, cookies: ['session=abc; HttpOnly; Secure', 'theme=dark; Path=/'] }),
    )(apiGatewayV1Event({}), context())
    expect(result).toEqual({
      statusCode: 200,
      headers: { 'content-type': json },
      multiValueHeaders: { 'set-cookie': ['session=abc; HttpOnly; Secure', 'theme=dark; Path=/'] },
      body: '{"ok":true}',
      isBase64Encoded: false,
    })
  })
})

describe('HTTP API and Function URL (payload 2.0) format', () => {
  it.each([
    ['HTTP API', lambda(apiGatewayV2()), apiGatewayV2Event({})],
    ['Function URL', lambda(functionUrl()), functionUrlEvent({})],
  ] as const)('puts Set-Cookie values in the cookies field on %s', async (_name, builder, event) => {
    const result = await builder.handle(() => reply({ status: 201, body: 'ok', cookies: ['a=1', 'b=2'] }))(
      event,
      context(),
    )
    expect(result).toEqual({
      statusCode: 201,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      cookies: ['a=1', 'b=2'],
      body: 'ok',
      isBase64Encoded: false,
    })
  })

  it('leaves the body out of a 204', async () => {
    const result = await lambda(apiGatewayV2()).handle(() => undefined)(apiGatewayV2Event({}), context())
    expect(result).toEqual({ statusCode: 204, headers: {}, isBase64Encoded: false })
  })
})

describe('ALB format', () => {
  it('has a statusDescription and single-value headers when the request had them', async () => {
    const result = await lambda(alb()).handle(() => reply({ status: 201, body: { id: 7 } }))(
      albEvent({}),
      context(),
    )
    expect(result).toEqual({
      statusCode: 201,
      statusDescription: '201 Created',
      headers: { 'content-type': json },
      body: '{"id":7}',
      isBase64Encoded: false,
    })
  })

  it('answers in multi-value headers exactly when the request came in multi-value headers', async () => {
    const handler = lambda(alb()).handle(() =>
      reply({ status: 200, headers: { 'Cache-Control': 'no-store' }, body: 'ok', cookies: ['a=1', 'b=2'] }),
    )
    const result = await handler(albMultiValueEvent({}), context())
    expect(result).toEqual({
      statusCode: 200,
      statusDescription: '200 OK',
      multiValueHeaders: {
        'content-type': ['text/plain; charset=utf-8'],
        'cache-control': ['no-store'],
        'set-cookie': ['a=1', 'b=2'],
      },
      body: 'ok',
      isBase64Encoded: false,
    })
    expect(result).not.toHaveProperty('headers')
  })

  it('sends the first cookie only without multi-value headers, and warns that the others were dropped', async () => {
    const stderr = captureStderr()
    const result = await lambda(alb()).handle(() => reply({ cookies: ['a=1', 'b=2'] }))(
      albEvent({}),
      context(),
    )
    expect(result.headers).toEqual({ 'set-cookie': 'a=1' })
    expect(stderr.lines()).toEqual([expect.objectContaining({ level: 'WARN' })])
  })

  it('describes an error status too', async () => {
    captureStderr()
    const result = await lambda(alb()).handle(() => {
      throw new Error('boom')
    })(albEvent({}), context())
    expect(result).toMatchObject({ statusCode: 500, statusDescription: '500 Internal Server Error' })
  })
})
