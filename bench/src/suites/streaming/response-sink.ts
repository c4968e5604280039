import { Writable } from 'node:stream'

/**
 * The response stream a streaming handler is given, as aws-lambda-ric makes it, minus the socket: a Writable with
 * `setContentType()` that runs `_onBeforeFirstWrite` (the prelude of `HttpResponseStream.from`) on the first write,
 * and counts what it takes. Every contender writes to one of these, so the sink costs the same for all.
 */
export class ResponseSink extends Writable {
  contentType = 'application/octet-stream'
  _onBeforeFirstWrite: ((write: (chunk: string | Uint8Array) => void) => void) | undefined
  readonly chunks: Buffer[] = []
  #written = false

  constructor(readonly keep: boolean) {
    super()
  }

  setContentType(contentType: string): void {
    if (this.#written) throw new Error('Cannot set content-type, too late.')
    this.contentType = contentType
  }

  override write(chunk: unknown, encoding?: unknown, callback?: unknown): boolean {
    if (!this.#written) {
      this.#written = true
      this._onBeforeFirstWrite?.((first) => super.write(first))
    }
    return super.write(chunk, encoding as BufferEncoding, callback as (error?: Error | null) => void)
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: () => void): void {
    if (this.keep) this.chunks.push(chunk)
    callback()
  }
}

/** The prelude and the body of what a sink kept, as the Function URL reads them. */
export function readSink(sink: ResponseSink): { prelude: Record<string, unknown>; body: string } {
  const bytes = Buffer.concat(sink.chunks)
  const at = bytes.indexOf(Buffer.alloc(8))
  if (sink.contentType !== 'application/vnd.awslambda.http-integration-response' || at < 0) {
    throw new Error(`no prelude (content type ${sink.contentType})`)
  }
  return {
    prelude: JSON.parse(bytes.subarray(0, at).toString('utf8')) as Record<string, unknown>,
    body: bytes.subarray(at + 8).toString('utf8'),
  }
}
