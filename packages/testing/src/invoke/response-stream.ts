import { Writable } from 'node:stream'
import type { StreamCollector } from './streamed-response.js'

/**
 * The writable a response-streaming handler gets, as the runtime client makes it: a Node `Writable` with
 * `setContentType()` (before the first write only), whose bytes go to `collector` as they are written. Its end is the
 * caller's to tell the collector: the invocation is over when the handler has returned, not when the stream ended.
 */
export function responseStreamFor(collector: StreamCollector): Writable & {
  setContentType(contentType: string): void
} {
  let written = false
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      written = true
      collector.push(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength))
      callback()
    },
  })
  return Object.assign(stream, {
    setContentType(contentType: string) {
      if (written) throw new Error('Cannot set content-type, too late.')
      collector.contentType = contentType
    },
  })
}
