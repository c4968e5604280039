import { lambda, replyStream, streamingHttp } from '@tsumiki/core'
import { describe, expect, it } from 'vitest'
import { events, invokeStream } from '../../src/index.js'

describe('invokeStream()', () => {
  it('reads a streamed answer chunk by chunk while the handler runs, then whole', async () => {
    let release!: () => void
    const gate = new Promise<void>((resolve) => {
      release = resolve
    })
    const handler = lambda(streamingHttp()).handle(() =>
      replyStream({
        headers: { 'content-type': 'text/plain' },
        body: (async function* () {
          yield 'first '
          await gate
          yield 'second'
        })(),
      }),
    )
    const response = invokeStream(handler, events.http('functionUrl', { path: '/report' }))
    expect(await response.head).toMatchObject({ status: 200, headers: { 'content-type': 'text/plain' } })
    const seen: string[] = []
    for await (const chunk of response) {
      seen.push(Buffer.from(chunk).toString('utf8'))
      if (seen.length === 1) release()
    }
    expect(seen).toEqual(['first ', 'second'])
    expect(await response.done).toMatchObject({ body: 'first second', error: undefined })
  })

  it("gives a handler's failure as Lambda's error trailers give it", async () => {
    const handler = lambda(streamingHttp()).handle(() =>
      replyStream({
        body: (async function* () {
          yield 'partial'
          throw new TypeError('broken source')
        })(),
      }),
    )
    const done = await invokeStream(handler, events.http('functionUrl')).done
    expect(done.body).toBe('partial')
    expect(done.error).toMatchObject({ errorType: 'TypeError', errorMessage: 'broken source' })
  })

  it('reads a stream without a prelude as plain bytes', async () => {
    const raw = async (_event: unknown, stream: NodeJS.WritableStream) => {
      stream.write('no prelude')
      stream.end()
    }
    const done = await invokeStream(raw as never, {}).done
    expect(done).toMatchObject({ head: undefined, body: 'no prelude', error: undefined })
  })
})
