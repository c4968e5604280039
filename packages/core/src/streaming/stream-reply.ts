import type { Awaitable } from '../engine/awaitable.js'
import { InvalidOptionError } from '../errors/invalid-option-error.js'
import { wholeNumber } from '../options/option-rules.js'

const streamReplyBrand = Symbol.for('tsumiki.http-stream-reply')

/** What a writer callback gets: `write()` resolves once the chunk is taken (backpressure), `signal` aborts at the deadline. */
export interface StreamOutput {
  write(chunk: string | Uint8Array): Promise<void>
  readonly signal: AbortSignal
}

/** Writes the body through `out`; the stream ends when the promise it returns resolves. */
export type StreamWriter = (out: StreamOutput) => Awaitable<void>

/**
 * A streamed body: a Web `ReadableStream`, a Node `Readable` (any async iterable of strings or bytes), an array of
 * chunks, or a writer callback. Not a string: a whole body goes in `reply()`.
 */
export type StreamBody =
  | ReadableStream<string | Uint8Array>
  | AsyncIterable<string | Uint8Array>
  | readonly (string | Uint8Array)[]
  | StreamWriter

export interface StreamReplyInit {
  /** Default 200. */
  readonly status?: number | undefined
  readonly headers?: Readonly<Record<string, string>> | undefined
  /** `Set-Cookie` values. */
  readonly cookies?: readonly string[] | undefined
  /** Sent chunk by chunk as it is produced; `content-type` is `application/octet-stream` unless a header says otherwise. */
  readonly body: StreamBody
}

/** How a streamed answer ended, for whoever waits on it (`whenStreamSent()`). */
export interface StreamSent {
  /** Bytes of the body sent (the prelude not counted). */
  readonly bytes: number
  /** Why the stream stopped early: the body's error, or the deadline guard's `DeadlineExceededError`. */
  readonly error: unknown
  /** False when the body failed before its first byte and an error answer went out instead. */
  readonly started: boolean
}

/** A streamed HTTP answer, made by `replyStream()` or `sse()`. */
export interface HttpStreamReply {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly cookies: readonly string[]
  readonly body: StreamBody
  readonly [streamReplyBrand]: true
}

const sentHooks = /* @__PURE__ */ new WeakMap<HttpStreamReply, ((sent: StreamSent) => void)[]>()

/**
 * An answer sent as it is produced, from a `streamingHttp()` chain: status, headers and cookies go out before the
 * first byte, then each chunk as the body yields it. A body that fails before its first chunk gets the usual error
 * answer; one that fails later ends the stream (Lambda reports the invocation failed) and is logged.
 */
export function replyStream(init: StreamReplyInit): HttpStreamReply {
  const status = init.status ?? 200
  if (!Number.isInteger(status) || status < 100 || status > 599) {
    throw new InvalidOptionError('replyStream()', 'status', wholeNumber(100, 599).expected, status)
  }
  if (!isStreamBody(init.body)) {
    throw new InvalidOptionError(
      'replyStream()',
      'body',
      'a ReadableStream, a Node Readable, an iterable or async iterable of strings or bytes, or a writer function',
      init.body,
    )
  }
  return {
    status,
    headers: init.headers ?? {},
    cookies: init.cookies ?? [],
    body: init.body,
    [streamReplyBrand]: true,
  }
}

export function isHttpStreamReply(value: unknown): value is HttpStreamReply {
  return typeof value === 'object' && value !== null && streamReplyBrand in value
}

/**
 * Runs `hook` once the streamed answer `reply` has been sent or has failed, before the invocation ends: how a
 * middleware that runs around the chain (the logger) learns what the stream came to.
 */
export function whenStreamSent(reply: HttpStreamReply, hook: (sent: StreamSent) => void): void {
  const hooks = sentHooks.get(reply)
  if (hooks === undefined) sentHooks.set(reply, [hook])
  else hooks.push(hook)
}

/** Called once by the adapter that sent `reply`; a hook that throws does not stop the others. */
export function streamSent(reply: HttpStreamReply, sent: StreamSent, failed: (error: unknown) => void): void {
  const hooks = sentHooks.get(reply)
  if (hooks === undefined) return
  sentHooks.delete(reply)
  for (const hook of hooks) {
    try {
      hook(sent)
    } catch (error) {
      failed(error)
    }
  }
}

function isStreamBody(body: unknown): body is StreamBody {
  if (typeof body === 'function') return true
  // Bytes are iterable too, but as numbers: a whole body goes in reply().
  if (typeof body !== 'object' || body === null || ArrayBuffer.isView(body)) return false
  return (
    typeof (body as { getReader?: unknown }).getReader === 'function' ||
    Symbol.asyncIterator in body ||
    Symbol.iterator in body
  )
}
