import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import {
  type HttpStreamReply,
  http,
  httpErrors,
  InvalidEventError,
  isStreamingHandler,
  lambda,
  registerSensitiveValue,
  reply,
  replyStream,
  type StreamSent,
  streamingHttp,
  whenStreamSent,
} from '../../../src/index.js'
import {
  albEvent,
  apiGatewayV1Event,
  apiGatewayV2Event,
  captureStderr,
  context,
  deferred,
  functionUrlEvent,
  responseSink,
  settle,
} from '../../support/index.js'

const encoder = new TextEncoder()

describe('streamingHttp()', () => {
  it('is a handler Lambda calls with a response stream; a buffered handler keeps two parameters', () => {
    const streaming = lambda(streamingHttp()).handle(() => 'ok')
    expect(isStreamingHandler(streaming)).toBe(true)
    expect(streaming.length).toBe(3)
    // The runtime client takes a handler of three parameters that is not streaming for a callback handler.
    const buffered = lambda(http()).handle(() => 'ok')
    expect(isStreamingHandler(buffered)).toBe(false)
    expect(buffered.length).toBe(2)
  })

  it('sends status, headers and cookies before the first byte (Function URL), then each chunk as it comes', async () => {
    const second = deferred()
    const firstWritten = deferred()
    const sink = responseSink()
    const handler = lambda(streamingHttp()).handle(() =>
      replyStream({
        status: 201,
        headers: { 'X-Report': 'orders' },
        cookies: ['a=1', 'b=2'],
        body: (async function* () {
          yield 'one '
          firstWritten.resolve()
          await second.promise
          yield encoder.encode('two')
        })(),
      }),
    )
    const done = handler(functionUrlEvent({ path: '/report' }), sink.stream, context())
    await firstWritten.promise
    await new Promise((resolve) => setImmediate(resolve))
    // The handler is still running, and the prelude and the first chunk are out.
    expect(sink.response()).toMatchObject({
      contentType: 'application/vnd.awslambda.http-integration-response',
      prelude: {
        statusCode: 201,
        headers: { 'x-report': 'orders', 'content-type': 'application/octet-stream' },
        cookies: ['a=1', 'b=2'],
      },
      chunks: ['one '],
      ended: false,
    })
    second.resolve()
    await done
    expect(sink.response()).toMatchObject({ chunks: ['one ', 'two'], ended: true })
  })

  it("writes a REST API's cookies as multiValueHeaders, the format API Gateway reads from a streamed integration", async () => {
    const sink = responseSink()
    await lambda(streamingHttp()).handle(() =>
      replyStream({ cookies: ['a=1', 'b=2'], headers: { 'content-type': 'text/csv' }, body: ['x,y\n'] }),
    )(apiGatewayV1Event({ path: '/report' }), sink.stream, context())
    expect(sink.response().prelude).toEqual({
      statusCode: 200,
      headers: { 'content-type': 'text/csv' },
      multiValueHeaders: { 'set-cookie': ['a=1', 'b=2'] },
    })
    expect(sink.response().body).toBe('x,y\n')
  })

  it('sends a buffered answer, an HttpError and bytes as one chunk after the prelude', async () => {
    const answers = [
      () => ({ total: 3 }),
      () => {
        throw httpErrors.notFound('No such report')
      },
      () => reply({ status: 202, body: encoder.encode('raw') }),
      () => undefined,
    ]
    const results = []
    for (const answer of answers) {
      const sink = responseSink()
      await lambda(streamingHttp()).handle(answer)(functionUrlEvent(), sink.stream, context())
      results.push(sink.response())
    }
    expect(results.map((result) => [result.prelude?.statusCode, result.chunks])).toEqual([
      [200, ['{"total":3}']],
      [404, [JSON.stringify({ error: { type: 'not_found', message: 'No such report' } })]],
      [202, ['raw']],
      [204, []],
    ])
    expect(results.every((result) => result.ended)).toBe(true)
  })

  it('answers a body that fails before its first chunk with a 500, logged once', async () => {
    const lines = captureStderr()
    const sink = responseSink()
    await lambda(streamingHttp()).handle(() =>
      replyStream({
        // biome-ignore lint/correctness/useYield: fails before its first chunk
        body: (async function* () {
          throw new Error('no rows')
        })(),
      }),
    )(functionUrlEvent(), sink.stream, context())
    expect(sink.response()).toMatchObject({ prelude: { statusCode: 500 }, ended: true })
    expect(lines.lines()).toEqual([
      expect.objectContaining({ level: 'ERROR', message: 'Unhandled error: answered 500' }),
    ])
  })

  it('ends a stream that fails midway: the handler rejects (error trailers), the failure is logged with the bytes sent', async () => {
    const lines = captureStderr()
    const secret = 'streaming-secret-value-1234'
    registerSensitiveValue(secret)
    const sink = responseSink()
    const sent: StreamSent[] = []
    const handler = lambda(streamingHttp()).handle(() => {
      const answer: HttpStreamReply = replyStream({
        body: (async function* () {
          yield 'rows 1-10\n'
          throw new Error(`lost the connection with ${secret}`)
        })(),
      })
      whenStreamSent(answer, (outcome) => sent.push(outcome))
      return answer
    })
    const outcome = await settle(handler(functionUrlEvent(), sink.stream, context()))
    expect(outcome.ok).toBe(false)
    const error = (outcome as { error: Error }).error
    expect(error.message).toBe('lost the connection with [REDACTED]')
    expect(sink.response()).toMatchObject({ chunks: ['rows 1-10\n'], ended: false })
    expect(sent).toEqual([{ bytes: 10, error: expect.any(Error), started: true }])
    expect(lines.lines()).toEqual([
      expect.objectContaining({
        level: 'ERROR',
        message: 'The stream failed after 10 bytes',
        bytes_sent: 10,
        error: expect.objectContaining({ message: 'lost the connection with [REDACTED]' }),
      }),
    ])
  })

  it('cuts a stream still running at the deadline guard, stops its source, and says so', async () => {
    const lines = captureStderr()
    const sink = responseSink()
    const source = new Readable({ read() {} })
    source.push('started\n')
    const outcome = await settle(
      lambda(streamingHttp(), { deadlineMarginMs: 500 }).handle(() => replyStream({ body: source }))(
        functionUrlEvent(),
        sink.stream,
        context(550),
      ),
    )
    expect(outcome).toEqual({ ok: false, error: expect.objectContaining({ name: 'DeadlineExceededError' }) })
    expect(source.destroyed).toBe(true)
    expect(sink.response()).toMatchObject({ chunks: ['started\n'], ended: false })
    expect(lines.lines()).toContainEqual(
      expect.objectContaining({
        level: 'ERROR',
        message: "The deadline guard cut the stream after 8 bytes, before Lambda's timeout",
        bytes_sent: 8,
      }),
    )
  })

  it('answers 504 when the deadline comes before the first chunk', async () => {
    captureStderr()
    const sink = responseSink()
    const hung = new ReadableStream<string>({ pull: () => new Promise(() => undefined) })
    await lambda(streamingHttp(), { deadlineMarginMs: 500 }).handle(() => replyStream({ body: hung }))(
      functionUrlEvent(),
      sink.stream,
      context(550),
    )
    expect(sink.response()).toMatchObject({ prelude: { statusCode: 504 }, ended: true })
  })

  it('takes a writer callback: each write waits until its chunk is taken, and a write after the deadline is refused', async () => {
    captureStderr()
    const sink = responseSink()
    const writes: string[] = []
    let refused: unknown
    const outcome = await settle(
      lambda(streamingHttp(), { deadlineMarginMs: 500 }).handle(() =>
        replyStream({
          body: async (out) => {
            await out.write('a')
            writes.push('a taken')
            await new Promise((resolve) => out.signal.addEventListener('abort', resolve))
            refused = await out.write('late').catch((error: unknown) => error)
          },
        }),
      )(functionUrlEvent(), sink.stream, context(550)),
    )
    expect(outcome.ok).toBe(false)
    expect(writes).toEqual(['a taken'])
    expect(refused).toMatchObject({ name: 'DeadlineExceededError' })
    expect(sink.response().chunks).toEqual(['a'])
  })

  it('fails a chunk that is neither text nor bytes, naming what it was', async () => {
    captureStderr()
    const sink = responseSink()
    const outcome = await settle(
      lambda(streamingHttp()).handle(() =>
        replyStream({
          body: (async function* () {
            yield 'ok'
            yield 42 as unknown as string
          })(),
        }),
      )(functionUrlEvent(), sink.stream, context()),
    )
    expect(outcome).toEqual({
      ok: false,
      error: expect.objectContaining({ message: expect.stringContaining('it yielded number') }),
    })
  })

  it('refuses an ALB or HTTP API event (they do not stream) and a call without a response stream', async () => {
    const handler = lambda(streamingHttp()).handle(() => 'ok')
    await expect(handler(apiGatewayV2Event() as never, responseSink().stream, context())).rejects.toThrow(
      /an HTTP API \(payload 2\.0\) event: only Function URLs and REST APIs stream responses/,
    )
    await expect(handler(albEvent() as never, responseSink().stream, context())).rejects.toBeInstanceOf(
      InvalidEventError,
    )
    const unstreamed = handler as unknown as (event: unknown, context: unknown) => Promise<void>
    await expect(unstreamed(functionUrlEvent(), context())).rejects.toThrow(/without a response stream/)
  })

  it('refuses a reply whose status or body cannot be streamed', () => {
    expect(() => replyStream({ status: 99, body: [] })).toThrow(/option 'status' must be/)
    for (const body of ['text', encoder.encode('bytes'), 42, null]) {
      expect(() => replyStream({ body: body as never })).toThrow(/option 'body' must be a ReadableStream/)
    }
  })
})
