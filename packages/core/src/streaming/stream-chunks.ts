import type { StreamBody, StreamOutput, StreamWriter } from './stream-reply.js'

/** A body read one chunk at a time, each as bytes; `cancel()` stops the source (it is not read again). */
export interface ChunkSource {
  next(): Promise<Uint8Array | undefined>
  cancel(reason: unknown): void
}

/** Every kind of streamed body as one source of byte chunks. */
export function chunksOf(body: StreamBody, signal: AbortSignal): ChunkSource {
  if (typeof body === 'function') return writerChunks(body, signal)
  if (typeof (body as { getReader?: unknown }).getReader === 'function') {
    return readerChunks((body as ReadableStream<string | Uint8Array>).getReader())
  }
  const iterable = body as AsyncIterable<string | Uint8Array> | readonly (string | Uint8Array)[]
  const iterator =
    Symbol.asyncIterator in iterable
      ? (iterable as AsyncIterable<string | Uint8Array>)[Symbol.asyncIterator]()
      : (iterable as Iterable<string | Uint8Array>)[Symbol.iterator]()
  return iteratorChunks(iterator, body)
}

export function asBytes(chunk: unknown): Uint8Array {
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8')
  if (chunk instanceof Uint8Array) return chunk
  throw new TypeError(
    `A streamed body yields strings or bytes (Uint8Array, Buffer); it yielded ${chunk === null ? 'null' : typeof chunk}`,
  )
}

function readerChunks(reader: ReadableStreamDefaultReader<string | Uint8Array>): ChunkSource {
  return {
    async next() {
      const { done, value } = await reader.read()
      return done ? undefined : asBytes(value)
    },
    cancel(reason) {
      reader.cancel(reason).catch(() => undefined)
    },
  }
}

function iteratorChunks(
  iterator: AsyncIterator<string | Uint8Array> | Iterator<string | Uint8Array>,
  body: object,
): ChunkSource {
  return {
    async next() {
      const { done, value } = await iterator.next()
      return done === true ? undefined : asBytes(value)
    },
    cancel(reason) {
      // A Node Readable is destroyed (its resources freed); any other iterator is told to finish.
      const destroy = (body as { destroy?: unknown }).destroy
      if (typeof destroy === 'function') {
        destroy.call(body, reason instanceof Error ? reason : undefined)
        return
      }
      try {
        Promise.resolve(iterator.return?.()).catch(() => undefined)
      } catch {
        // An iterator whose return() throws has nothing left to stop.
      }
    },
  }
}

/**
 * A writer callback as a source: each `write()` waits until the chunk is taken, so the writer goes no faster than
 * the stream; the callback's promise ends the body (or fails it).
 */
function writerChunks(writer: StreamWriter, signal: AbortSignal): ChunkSource {
  const queue: {
    readonly chunk: Uint8Array
    readonly taken: () => void
    readonly refused: (error: unknown) => void
  }[] = []
  let finished: { readonly error: unknown; readonly failed: boolean } | undefined
  let cancelled: unknown
  let isCancelled = false
  let wake: (() => void) | undefined
  const out: StreamOutput = {
    write(chunk) {
      if (isCancelled) return Promise.reject(cancelled)
      if (finished !== undefined) return Promise.reject(new Error('write() after the writer returned'))
      const bytes = asBytes(chunk)
      return new Promise<void>((resolve, reject) => {
        queue.push({ chunk: bytes, taken: resolve, refused: reject })
        wake?.()
      })
    },
    signal,
  }
  const settle = (failed: boolean, error: unknown) => {
    finished ??= { failed, error }
    wake?.()
  }
  // Started at the first read, so a writer never runs for a reply that is not sent.
  let started = false
  const start = () => {
    started = true
    try {
      Promise.resolve(writer(out)).then(
        () => settle(false, undefined),
        (error: unknown) => settle(true, error),
      )
    } catch (error) {
      settle(true, error)
    }
  }
  return {
    async next() {
      if (!started) start()
      for (;;) {
        const item = queue.shift()
        if (item !== undefined) {
          item.taken()
          return item.chunk
        }
        if (finished !== undefined) {
          if (finished.failed) throw finished.error
          return undefined
        }
        await new Promise<void>((resolve) => {
          wake = resolve
        })
        wake = undefined
      }
    },
    cancel(reason) {
      isCancelled = true
      cancelled = reason
      // A writer waiting on a write learns the stream is over (its write rejects with the reason).
      for (const item of queue.splice(0)) item.refused(reason)
    },
  }
}
