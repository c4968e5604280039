import { describe, expect, it } from 'vitest'
import {
  type HttpRequest,
  http,
  lambda,
  middleware,
  replyStream,
  router,
  sse,
  streamingHttp,
} from '../../src/index.js'
import {
  apiGatewayV2Event,
  captureStderr,
  context,
  functionUrlEvent,
  readResponse,
  responseSink,
} from '../support/index.js'

// A per-route middleware, to show a streaming route has a chain of its own like any other.
const tagged = middleware<HttpRequest, { readonly tag: string }>({
  name: 'tagged',
  handle: (_request, next) => next({ tag: 'report' }),
})

const base = lambda(streamingHttp())
const routes = router<typeof base>()
  .get('/orders/{id}', (route) => route.handle(({ pathParams }) => ({ id: pathParams.id })))
  .get('/reports/{id}', (route) =>
    route
      .use(tagged)
      .handle(({ pathParams, tag }) =>
        replyStream({ headers: { 'content-type': 'text/plain' }, body: [`${tag} `, pathParams.id] }),
      ),
  )
  .get('/events', (route) => route.handle(() => sse([{ event: 'tick', data: 1 }, 'done'])))
const handler = base.handle(routes)

async function call(path: string, method = 'GET') {
  const sink = responseSink()
  await handler(functionUrlEvent({ path, method }), sink.stream, context())
  return sink.response()
}

describe('a router in a streaming function', () => {
  it('streams the routes that stream and sends the others whole, in one function', async () => {
    expect(await call('/orders/7')).toMatchObject({ prelude: { statusCode: 200 }, chunks: ['{"id":"7"}'] })
    expect(await call('/reports/q3')).toMatchObject({
      prelude: { statusCode: 200, headers: { 'content-type': 'text/plain' } },
      chunks: ['report ', 'q3'],
    })
    expect(await call('/events')).toMatchObject({
      prelude: { headers: { 'content-type': 'text/event-stream; charset=utf-8' } },
      chunks: ['event: tick\ndata: 1\n\n', 'data: done\n\n'],
    })
  })

  it("sends the router's own answers (404, 405) whole", async () => {
    expect((await call('/nowhere')).prelude).toMatchObject({ statusCode: 404 })
    expect((await call('/reports/q3', 'DELETE')).prelude).toMatchObject({
      statusCode: 405,
      headers: { allow: 'GET, HEAD, OPTIONS' },
    })
  })

  it('refuses, as a 500 saying why, a streamed answer in a function that answers whole', async () => {
    const lines = captureStderr()
    const buffered = lambda(http()).handle(routes as never)
    const response = readResponse(await buffered(apiGatewayV2Event({ path: '/reports/q3' }), context()))
    expect(response.status).toBe(500)
    expect(lines.lines()).toEqual([
      expect.objectContaining({
        error: expect.objectContaining({ message: expect.stringContaining('needs a streaming function') }),
      }),
    ])
  })
})
