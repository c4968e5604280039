import { lambda, replyStream, streamingHttp } from '@tsumiki/core'
import { events, invokeStream } from '@tsumiki/testing'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { logger } from '../../src/index.js'
import { capture } from '../support/capture.js'

beforeEach(() => {
  vi.stubEnv('AWS_LAMBDA_LOG_LEVEL', '')
  vi.stubEnv('TSUMIKI_LOG_LEVEL', '')
  vi.stubEnv('TSUMIKI_LOG_SAMPLE_RATE', '')
  vi.stubEnv('TSUMIKI_LOG_EVENT', '')
})
afterEach(() => {
  vi.unstubAllEnvs()
  vi.restoreAllMocks()
})

describe('logger() on a streamed answer', () => {
  it('writes the result line after the stream ended, with the bytes sent', async () => {
    const out = capture()
    const handler = lambda(streamingHttp())
      .use(logger({ logResult: true, write: out.write }))
      .handle(({ log }) =>
        replyStream({
          headers: { 'content-type': 'text/csv' },
          body: (async function* () {
            log.info('row')
            yield 'a,b\n'
            log.info('row')
            yield 'c,d\n'
          })(),
        }),
      )
    const done = await invokeStream(handler, events.http('functionUrl', { path: '/export' })).done
    expect(done.body).toBe('a,b\nc,d\n')
    expect(out.lines.map((line) => line.message)).toEqual(['row', 'row', 'Lambda invocation result'])
    expect(out.lines[2]).toMatchObject({
      level: 'INFO',
      result: { status: 200, headers: { 'content-type': 'text/csv' }, streamed: true },
      bytes_sent: 8,
    })
  })

  it("logs a stream that failed midway once, in the logger's line, and no result line", async () => {
    const out = capture()
    const handler = lambda(streamingHttp())
      .use(logger({ logResult: true, write: out.write }))
      .handle(() =>
        replyStream({
          body: (async function* () {
            yield 'a,b\n'
            throw new Error('export source closed')
          })(),
        }),
      )
    const done = await invokeStream(handler, events.http('functionUrl')).done
    expect(done.error?.errorMessage).toBe('export source closed')
    expect(out.lines).toEqual([
      expect.objectContaining({
        level: 'ERROR',
        message: 'The stream failed after 4 bytes',
        bytes_sent: 4,
        function_request_id: expect.any(String),
        error: expect.objectContaining({ message: 'export source closed' }),
      }),
    ])
  })
})
