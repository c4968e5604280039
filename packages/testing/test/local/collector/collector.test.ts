import { gzipSync } from 'node:zlib'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { type LocalCollector, startLocalCollector } from '../../../src/index.js'

let collector: LocalCollector
beforeAll(async () => {
  collector = await startLocalCollector()
})
afterAll(async () => {
  await collector.stop()
})
beforeEach(() => collector.clear())

const exportRequest = {
  resourceSpans: [
    {
      resource: { attributes: [{ key: 'service.name', value: { stringValue: 'orders' } }] },
      scopeSpans: [
        {
          scope: { name: '@tsumiki/tracing' },
          spans: [
            {
              traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
              spanId: '00f067aa0ba902b7',
              parentSpanId: '',
              name: 'GET /orders/{id}',
              kind: 2,
              startTimeUnixNano: '1',
              endTimeUnixNano: '2',
              attributes: [
                { key: 'http.response.status_code', value: { intValue: '200' } },
                { key: '__proto__', value: { stringValue: 'plain' } },
                { key: 'faas.coldstart', value: { boolValue: true } },
              ],
              status: { code: 2, message: 'down' },
              links: [{ traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331' }],
            },
          ],
        },
      ],
    },
  ],
}

const post = (body: string | Buffer, headers: Record<string, string>) =>
  fetch(collector.tracesUrl, { method: 'POST', headers, body })

describe('startLocalCollector()', () => {
  it('decodes an OTLP/JSON export, gzipped or not', async () => {
    const json = JSON.stringify(exportRequest)
    expect((await post(json, { 'content-type': 'application/json' })).status).toBe(200)
    const gzipped = await post(gzipSync(json), {
      'content-type': 'application/json',
      'content-encoding': 'gzip',
    })
    expect(gzipped.status).toBe(200)
    expect(collector.exports).toBeGreaterThanOrEqual(2)
    const [span, again] = collector.spans()
    expect(again).toEqual(span)
    expect(span).toMatchObject({
      name: 'GET /orders/{id}',
      kind: 'SERVER',
      parentSpanId: undefined,
      scope: '@tsumiki/tracing',
      resource: { 'service.name': 'orders' },
      status: { code: 'ERROR', message: 'down' },
      links: [{ traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331' }],
    })
    expect(span?.attributes['http.response.status_code']).toBe(200)
    expect(Object.getOwnPropertyDescriptor(span?.attributes, '__proto__')?.value).toBe('plain')
    expect(Object.getPrototypeOf(span?.attributes)).toBe(Object.prototype)
  })

  it('refuses protobuf and what is not an export, and keeps nothing of them', async () => {
    expect((await post('x', { 'content-type': 'application/x-protobuf' })).status).toBe(415)
    expect(
      (
        await post('{"resourceSpans":[{"scopeSpans":[{"spans":[{}]}]}]}', {
          'content-type': 'application/json',
        })
      ).status,
    ).toBe(400)
    expect((await post('not json', { 'content-type': 'application/json' })).status).toBe(400)
    expect(collector.spans()).toEqual([])
  })
})
