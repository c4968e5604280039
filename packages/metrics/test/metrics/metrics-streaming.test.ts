import { lambda, replyStream, streamingHttp } from '@tsumiki/core'
import { logger } from '@tsumiki/logger'
import { events, invokeStream } from '@tsumiki/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { metrics } from '../../src/index.js'
import { captureEmf, type EmfCapture, valuesOf } from '../support/capture-emf.js'

let capture: EmfCapture
beforeEach(() => {
  capture = captureEmf()
})
afterEach(() => capture.stop())

describe('metrics() on a streamed answer', () => {
  it('flushes after the stream ended: metrics added while streaming are in the line, after the last chunk', async () => {
    const handler = lambda(streamingHttp())
      .use(logger({ service: 'reports', logResult: true }))
      .use(metrics({ namespace: 'Shop', service: 'reports' }))
      .handle(({ metrics }) =>
        replyStream({
          body: (async function* () {
            for (const row of ['a\n', 'b\n', 'c\n']) {
              metrics.addMetric('rowsStreamed', 'Count', 1)
              yield row
            }
          })(),
        }),
      )
    const done = await invokeStream(handler, events.http('functionUrl', { path: '/report' })).done
    expect(done.body).toBe('a\nb\nc\n')
    const [document, ...rest] = capture.documents
    expect(rest).toEqual([])
    expect(valuesOf([document as never], 'rowsStreamed')).toEqual([1, 1, 1])
    const order = capture.raw
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { message?: string }).message ?? 'metrics')
    expect(order).toEqual(['Lambda invocation result', 'metrics'])
  })

  it('flushes after a stream cut midway too', async () => {
    const handler = lambda(streamingHttp())
      .use(metrics({ namespace: 'Shop', service: 'reports' }))
      .handle(({ metrics }) =>
        replyStream({
          body: (async function* () {
            metrics.addMetric('rowsStreamed', 'Count', 1)
            yield 'a\n'
            throw new Error('source closed')
          })(),
        }),
      )
    const done = await invokeStream(handler, events.http('functionUrl')).done
    expect(done.error?.errorMessage).toBe('source closed')
    expect(valuesOf(capture.documents, 'rowsStreamed')).toEqual([1])
  })
})
