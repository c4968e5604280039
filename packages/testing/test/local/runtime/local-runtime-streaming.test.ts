import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { events } from '../../../src/index.js'
import {
  type LocalRuntime,
  type LocalRuntimeMode,
  startLocalRuntime,
} from '../../../src/local/runtime/index.js'
import { locateRuntimeClient } from '../../../src/local/runtime/locate-runtime-client.js'
import { buildFixtureFunctions } from '../../support/build-fixtures.js'

// A streamingHttp() function, run through aws-lambda-ric (the streaming Runtime API: chunked, with error trailers)
// and in process: both must stream alike.
const ricBuilt = 'entry' in locateRuntimeClient(undefined)
const modes: LocalRuntimeMode[] = ricBuilt ? ['ric', 'in-process'] : ['in-process']

let fixtures: Awaited<ReturnType<typeof buildFixtureFunctions>>
beforeAll(async () => {
  fixtures = await buildFixtureFunctions()
})
afterAll(() => fixtures.remove())

const get = (path: string, query: Record<string, string> = {}) => events.http('functionUrl', { path, query })
const text = (chunk: Uint8Array) => Buffer.from(chunk).toString('utf8')

describe.each(modes)('a streamingHttp() function run %s', { timeout: 30_000 }, (mode) => {
  let runtime: LocalRuntime
  beforeAll(async () => {
    runtime = await startLocalRuntime({ handler: 'dist/stream.handler', cwd: fixtures.root, mode })
  })
  afterAll(() => runtime.stop())

  it('sends the prelude and the first chunk while the handler is still running', async () => {
    const gate = join(fixtures.root, `gate-${mode}`)
    const response = runtime.invokeStream(get('/gated', { gate }))
    const head = await response.head
    expect(head).toMatchObject({
      status: 200,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'x-report': 'orders' },
      cookies: ['seen=1; Secure', 'theme=dark'],
    })
    const chunks: string[] = []
    for await (const chunk of response) {
      chunks.push(text(chunk))
      // The handler waits for this file before its second chunk: the first one came while it was still running.
      if (chunks.length === 1) writeFileSync(gate, '')
    }
    expect(chunks).toEqual(['first\n', 'second\n'])
    const done = await response.done
    expect(done.error).toBeUndefined()
    expect(done.body).toBe('first\nsecond\n')
    const invocation = await response.invocation
    expect(invocation.error).toBeUndefined()
    expect(invocation.result).toMatchObject({ statusCode: 200, body: 'first\nsecond\n' })
  })

  it("streams to a REST API with its cookies in multiValueHeaders, API Gateway's prelude for a streamed integration", async () => {
    const rest = await runtime.invokeStream(events.http('apiGatewayV1', { path: '/cookies' })).done
    expect(rest.error).toBeUndefined()
    expect(rest.head?.prelude).toEqual({
      statusCode: 200,
      headers: { 'x-report': 'q3', 'content-type': 'application/octet-stream' },
      multiValueHeaders: { 'set-cookie': ['a=1', 'b=2'] },
    })
    expect(rest.body).toBe('with cookies')
    const url = await runtime.invokeStream(get('/cookies')).done
    expect(url.head?.prelude).toMatchObject({ cookies: ['a=1', 'b=2'] })
  })

  it('streams a Web ReadableStream, a Node Readable and a writer callback', async () => {
    for (const [path, body] of [
      ['/web', 'web stream'],
      ['/node', 'node readable'],
      ['/writer', 'written by a callback'],
    ] as const) {
      const done = await runtime.invokeStream(get(path)).done
      expect(done.error).toBeUndefined()
      expect(done.head).toMatchObject({
        status: 200,
        headers: { 'content-type': 'application/octet-stream' },
      })
      expect(done.body).toBe(body)
    }
  })

  it('sends a buffered answer as one chunk after the prelude, and invoke() reads a stream whole', async () => {
    const buffered = await runtime.invokeStream(get('/orders')).done
    expect(buffered.head?.status).toBe(200)
    expect(buffered.chunks).toHaveLength(1)
    expect(JSON.parse(buffered.body)).toEqual({ buffered: true, path: '/orders' })

    const notFound = await runtime.invoke(get('/not-found'))
    expect(notFound.result).toMatchObject({
      statusCode: 404,
      headers: { 'content-type': expect.any(String) },
    })
    expect(JSON.parse((notFound.result as { body: string }).body)).toMatchObject({
      error: { message: 'No such report' },
    })
  })

  it('answers an error before the first byte with a 500, and logs it', async () => {
    const invocation = await runtime.invoke(get('/fail-at-once'))
    expect(invocation.error).toBeUndefined()
    expect(invocation.result).toMatchObject({ statusCode: 500 })
    expect(JSON.parse((invocation.result as { body: string }).body)).toEqual({
      error: { type: 'internal', message: 'Internal server error' },
    })
    expect(invocation.logs.json).toContainEqual(
      expect.objectContaining({
        level: 'ERROR',
        message: 'Unhandled error: answered 500',
        error: expect.objectContaining({ message: 'nothing to stream' }),
      }),
    )
  })

  it('ends the stream on an error after the first byte: logged, and the invocation fails (error trailers)', async () => {
    const response = runtime.invokeStream(get('/fail-midway'))
    const done = await response.done
    expect(done.head?.status).toBe(200)
    expect(done.body).toBe('part 1')
    expect(done.error).toMatchObject({ errorType: 'Error', errorMessage: 'the report source went away' })
    const invocation = await response.invocation
    expect(invocation.error?.errorMessage).toBe('the report source went away')
    expect(invocation.logs.json).toContainEqual(
      expect.objectContaining({
        level: 'ERROR',
        message: 'The stream failed after 6 bytes',
        bytes_sent: 6,
        error: expect.objectContaining({ message: 'the report source went away' }),
      }),
    )
    // The environment goes on serving.
    expect((await runtime.invokeStream(get('/web')).done).body).toBe('web stream')
  })

  it('cuts a stream still running at the deadline guard, before Lambda times out, and says so', async () => {
    const response = runtime.invokeStream(get('/hang'), { timeoutMs: 1500 })
    const done = await response.done
    expect(done.body).toBe('started\n')
    expect(done.error?.errorType).toBe('DeadlineExceededError')
    const invocation = await response.invocation
    expect(invocation.error?.errorType).toBe('DeadlineExceededError')
    expect(invocation.logs.json).toContainEqual(
      expect.objectContaining({
        level: 'ERROR',
        message: "The deadline guard cut the stream after 8 bytes, before Lambda's timeout",
        bytes_sent: 8,
      }),
    )
    // Not a Lambda timeout: the same environment answers the next invocation.
    const next = await runtime.invoke(get('/orders'))
    expect(next.coldStart).toBe(false)
    expect(next.result).toMatchObject({ statusCode: 200 })
  })
})
