import { existsSync } from 'node:fs'
import { Readable } from 'node:stream'
import { httpErrors, lambda, replyStream, streamingHttp } from '@tsumiki/core'

// A response-streaming function for the local runtime's tests: each path streams one way. `/gated` writes its first
// chunk, then waits until the file named by the `gate` query parameter exists (the test makes it once it has read
// that chunk), so a test sees the first chunk arrive while the handler is still running, without timing anything.

async function untilExists(path: string): Promise<void> {
  while (!existsSync(path)) await new Promise((resolve) => setTimeout(resolve, 5))
}

const never = new Promise<never>(() => undefined)

export const handler = lambda(streamingHttp()).handle(async (request) => {
  switch (request.path) {
    case '/gated':
      return replyStream({
        headers: { 'content-type': 'text/plain; charset=utf-8', 'x-report': 'orders' },
        cookies: ['seen=1; Secure', 'theme=dark'],
        body: (async function* () {
          yield 'first\n'
          await untilExists(request.query.gate ?? '')
          yield 'second\n'
        })(),
      })
    case '/web':
      return replyStream({
        body: new ReadableStream<string>({
          start(controller) {
            controller.enqueue('web ')
            controller.enqueue('stream')
            controller.close()
          },
        }),
      })
    case '/node':
      return replyStream({ body: Readable.from([Buffer.from('node '), 'readable']) })
    case '/writer':
      return replyStream({
        body: async (out) => {
          await out.write('written ')
          await out.write(new TextEncoder().encode('by a callback'))
        },
      })
    case '/hang':
      return replyStream({
        body: (async function* () {
          yield 'started\n'
          await never
        })(),
      })
    case '/fail-midway':
      return replyStream({
        body: (async function* () {
          yield 'part 1'
          throw new Error('the report source went away')
        })(),
      })
    case '/fail-at-once':
      return replyStream({
        // biome-ignore lint/correctness/useYield: fails before its first chunk
        body: (async function* () {
          throw new Error('nothing to stream')
        })(),
      })
    case '/cookies':
      return replyStream({
        headers: { 'x-report': 'q3' },
        cookies: ['a=1', 'b=2'],
        body: ['with ', 'cookies'],
      })
    case '/not-found':
      throw httpErrors.notFound('No such report')
    default:
      return { buffered: true, path: request.path }
  }
})
