import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isHttpStreamReply, sse, sseText } from '../../src/index.js'

/** The browser's reading of one event block (the parts a test needs: event, id, retry and the joined data). */
function parseEvent(text: string): Record<string, string> {
  const fields: Record<string, string> = {}
  const data: string[] = []
  for (const line of text.replace(/\n\n$/, '').split('\n')) {
    if (line.startsWith(':')) continue
    const colon = line.indexOf(':')
    const name = line.slice(0, colon)
    const value = line.slice(colon + 1).replace(/^ /, '')
    if (name === 'data') data.push(value)
    else fields[name] = value
  }
  if (data.length > 0) fields.data = data.join('\n')
  return fields
}

describe('sse()', () => {
  it('is a streamed reply of text/event-stream, one chunk per event', async () => {
    const answer = sse(
      (async function* () {
        yield 'hello'
        yield { event: 'progress', id: '2', data: { done: 1, of: 3 } }
        yield { comment: 'keep-alive' }
      })(),
      { headers: { 'x-stream': 'report' } },
    )
    expect(isHttpStreamReply(answer)).toBe(true)
    expect(answer.headers).toEqual({
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      'x-stream': 'report',
    })
    const chunks: string[] = []
    for await (const chunk of answer.body as AsyncIterable<string>) chunks.push(chunk)
    expect(chunks).toEqual([
      'data: hello\n\n',
      'event: progress\nid: 2\ndata: {"done":1,"of":3}\n\n',
      ': keep-alive\n\n',
    ])
  })

  it('sends any data so that the browser reads back exactly that text, line breaks included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string(), (data, raw) => {
        const hostile = `${data}\r\n${raw}\r${'\n'}__proto__`
        expect(parseEvent(sseText(hostile)).data).toBe(hostile.replace(/\r\n|\r/g, '\n'))
        expect(parseEvent(sseText({ data: hostile, event: 'x' }))).toEqual({
          event: 'x',
          data: hostile.replace(/\r\n|\r/g, '\n'),
        })
      }),
    )
  })

  it('refuses an event name or id that would start a field of its own', () => {
    expect(() => sseText({ event: 'x\ndata: injected', data: 'a' })).toThrow(
      /option 'event' must be text without line breaks/,
    )
    expect(() => sseText({ id: 'x\r', data: 'a' })).toThrow(/option 'id'/)
    expect(() => sseText({ retryMs: -1 })).toThrow(/option 'retryMs'/)
  })
})
