import type { Context } from 'aws-lambda'
import { describe, expectTypeOf, it } from 'vitest'
import {
  type HttpRequest,
  type HttpStreamReply,
  type LambdaResponseStream,
  lambda,
  type RequestOf,
  replyStream,
  router,
  type StreamingHttpEvent,
  type StreamingHttpHandler,
  sse,
  streamingHttp,
} from '../../../src/index.js'

describe('streamingHttp() types', () => {
  it('builds the handler Lambda calls with a response stream', () => {
    const handler = lambda(streamingHttp()).handle(() => replyStream({ body: ['a'] }))
    expectTypeOf(handler).toEqualTypeOf<StreamingHttpHandler>()
    expectTypeOf(handler).parameters.toEqualTypeOf<[StreamingHttpEvent, LambdaResponseStream, Context]>()
    expectTypeOf(handler).returns.toEqualTypeOf<Promise<void>>()
  })

  it("types a router's routes from a streaming chain", () => {
    const base = lambda(streamingHttp())
    expectTypeOf<RequestOf<typeof base>>().toEqualTypeOf<HttpRequest<StreamingHttpEvent>>()
    router<typeof base>().get('/reports/{id}', (route) =>
      route.handle(({ pathParams, event }) => {
        expectTypeOf(pathParams.id).toBeString()
        expectTypeOf(event).toEqualTypeOf<StreamingHttpEvent>()
        return sse([{ data: pathParams.id }])
      }),
    )
  })

  it('takes the bodies a stream can be, and no other', () => {
    expectTypeOf(replyStream({ body: new ReadableStream<Uint8Array>() })).toEqualTypeOf<HttpStreamReply>()
    replyStream({
      body: (async function* () {
        yield 'text'
        yield new Uint8Array(1)
      })(),
    })
    replyStream({ body: async (out) => out.write('x') })
    // @ts-expect-error numbers are not chunks
    replyStream({ body: [1, 2] })
    // @ts-expect-error a whole body belongs in reply()
    replyStream({ body: 'text' })
  })
})
