import type { FunctionError } from '../local/runtime/local-runtime.js'

const preludeContentType = 'application/vnd.awslambda.http-integration-response'
const delimiterLength = 8

/** The prelude of an HTTP stream: what the Function URL or API Gateway makes the response's status line and headers of. */
export interface StreamHead {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  /** Function URL's `cookies`, or a REST API's `multiValueHeaders['set-cookie']`. */
  readonly cookies: readonly string[]
  /** The prelude's JSON as the function wrote it. */
  readonly prelude: Readonly<Record<string, unknown>>
}

/** A streamed answer once it ended. */
export interface StreamedAnswer {
  /** Undefined when the function streamed without a prelude (a stream that is not an HTTP response). */
  readonly head: StreamHead | undefined
  /** The body (after the prelude) as UTF-8 text. */
  readonly body: string
  readonly bytes: Uint8Array
  /** The body's chunks, each as it arrived. */
  readonly chunks: readonly Uint8Array[]
  /** What the runtime reported in the stream's error trailers: the invocation failed, the body is cut short. */
  readonly error: FunctionError | undefined
}

/**
 * A response the function streams, read as it arrives: `head` once the prelude is in, the body chunk by chunk with
 * `for await (const chunk of response)`, and `done` once it has ended and the handler returned (with the error trailers' error, if any).
 */
export interface StreamedResponse extends AsyncIterable<Uint8Array> {
  readonly head: Promise<StreamHead | undefined>
  readonly done: Promise<StreamedAnswer>
}

/** Takes what the function writes (bytes, its content type, its end) and makes the `StreamedResponse` of it. */
export class StreamCollector implements StreamedResponse {
  readonly head: Promise<StreamHead | undefined>
  readonly done: Promise<StreamedAnswer>
  contentType = 'application/octet-stream'
  #resolveHead!: (head: StreamHead | undefined) => void
  #resolveDone!: (answer: StreamedAnswer) => void
  #pending: Uint8Array = new Uint8Array(0)
  #headKnown = false
  #head: StreamHead | undefined
  readonly #chunks: Uint8Array[] = []
  #read = 0
  #ended = false
  #wake: (() => void) | undefined

  constructor() {
    this.head = new Promise((resolve) => {
      this.#resolveHead = resolve
    })
    this.done = new Promise((resolve) => {
      this.#resolveDone = resolve
    })
  }

  push(chunk: Uint8Array): void {
    if (this.#ended || chunk.byteLength === 0) return
    if (this.#headKnown) {
      this.#addBody(chunk)
      return
    }
    if (this.contentType !== preludeContentType) {
      this.#knowHead(undefined)
      this.#addBody(chunk)
      return
    }
    // The prelude may arrive over several chunks, and share one with the body's first bytes.
    this.#pending = Buffer.concat([this.#pending, chunk])
    const end = delimiterAt(this.#pending)
    if (end < 0) return
    const json = Buffer.from(this.#pending.subarray(0, end)).toString('utf8')
    const rest = this.#pending.subarray(end + delimiterLength)
    this.#pending = new Uint8Array(0)
    this.#knowHead(headOf(json))
    if (rest.byteLength > 0) this.#addBody(rest)
  }

  end(error?: FunctionError): void {
    if (this.#ended) return
    if (!this.#headKnown) this.#knowHead(undefined)
    this.#ended = true
    this.#wake?.()
    const bytes = Buffer.concat(this.#chunks)
    this.#resolveDone({
      head: this.#head,
      body: bytes.toString('utf8'),
      bytes,
      chunks: [...this.#chunks],
      error,
    })
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    for (;;) {
      const chunk = this.#chunks[this.#read]
      if (chunk !== undefined) {
        this.#read += 1
        yield chunk
        continue
      }
      if (this.#ended) return
      await new Promise<void>((resolve) => {
        this.#wake = resolve
      })
      this.#wake = undefined
    }
  }

  #knowHead(head: StreamHead | undefined): void {
    this.#headKnown = true
    this.#head = head
    this.#resolveHead(head)
  }

  #addBody(chunk: Uint8Array): void {
    this.#chunks.push(chunk)
    this.#wake?.()
  }
}

/** Where eight zero bytes start, after the prelude's JSON; -1 while they have not arrived. */
function delimiterAt(bytes: Uint8Array): number {
  let run = 0
  for (let index = 0; index < bytes.length; index++) {
    run = bytes[index] === 0 ? run + 1 : 0
    if (run === delimiterLength) return index - delimiterLength + 1
  }
  return -1
}

function headOf(json: string): StreamHead {
  const prelude = JSON.parse(json) as Record<string, unknown>
  const headers = (prelude.headers ?? {}) as Record<string, string>
  const multi = prelude.multiValueHeaders as Record<string, string[]> | undefined
  const cookies =
    (prelude.cookies as string[] | undefined) ?? multi?.['set-cookie'] ?? multi?.['Set-Cookie'] ?? []
  return { status: Number(prelude.statusCode ?? 200), headers, cookies, prelude }
}
