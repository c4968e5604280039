import { Writable } from 'node:stream'

/** What a streamed answer came to, as the Function URL or API Gateway reads it. */
export interface SunkResponse {
  readonly contentType: string
  readonly prelude: Record<string, unknown> | undefined
  /** The body chunks after the prelude, as written. */
  readonly chunks: string[]
  readonly body: string
  readonly ended: boolean
}

/**
 * The response stream the runtime client hands a streaming handler, in small: a Writable with `setContentType()`,
 * recording each write. The prelude is split off at the eight zero bytes.
 */
export function responseSink(options: { highWaterMark?: number } = {}): {
  readonly stream: Writable & { setContentType(type: string): void }
  response(): SunkResponse
} {
  let contentType = 'application/octet-stream'
  const writes: Buffer[] = []
  const stream = new Writable({
    highWaterMark: options.highWaterMark ?? 16_384,
    write(chunk: Buffer, _encoding, callback) {
      writes.push(Buffer.from(chunk))
      callback()
    },
  })
  const sink = Object.assign(stream, {
    setContentType(type: string) {
      if (writes.length > 0) throw new Error('Cannot set content-type, too late.')
      contentType = type
    },
  })
  return {
    stream: sink,
    response() {
      let chunks = writes
      let prelude: Record<string, unknown> | undefined
      if (contentType === 'application/vnd.awslambda.http-integration-response') {
        const delimiter = writes.findIndex((write) => write.length === 8 && write.every((byte) => byte === 0))
        prelude = JSON.parse(Buffer.concat(writes.slice(0, delimiter)).toString('utf8')) as Record<
          string,
          unknown
        >
        chunks = writes.slice(delimiter + 1)
      }
      const texts = chunks.map((chunk) => chunk.toString('utf8'))
      return { contentType, prelude, chunks: texts, body: texts.join(''), ended: stream.writableEnded }
    },
  }
}
