import { httpPreludeContentType, type LambdaResponseStream, preludeDelimiter } from './response-stream.js'
import { type ChunkSource, chunksOf } from './stream-chunks.js'
import type { HttpStreamReply } from './stream-reply.js'

/** How sending a stream went: `error` set when it stopped early. */
export interface StreamOutcome {
  readonly bytes: number
  readonly error: unknown
  /** Something (the prelude at least) was written: an error can no longer be an answer of its own. */
  readonly started: boolean
}

/**
 * Sends `reply` on `out`: reads the body's first chunk before writing anything (so a body that fails at once still
 * gets an error answer), then the prelude, then each chunk as it comes, waiting for `drain` when the stream is full.
 * Stops when `signal` aborts (the deadline guard): the body is cancelled and the signal's reason is the error.
 * The stream is ended only when everything was sent; on an error it is left open, for the runtime to end with the
 * error's trailers.
 */
export async function sendStream(
  out: LambdaResponseStream,
  reply: HttpStreamReply,
  prelude: object,
  signal: AbortSignal,
): Promise<StreamOutcome> {
  let source: ChunkSource | undefined
  let bytes = 0
  let started = false
  const untilAborted = abortRace(signal)
  try {
    source = chunksOf(reply.body, signal)
    let chunk = await untilAborted(source.next())
    writePrelude(out, prelude)
    started = true
    while (chunk !== undefined) {
      if (chunk.byteLength > 0) {
        const more = out.write(chunk)
        bytes += chunk.byteLength
        if (!more) await untilAborted(drained(out))
      }
      chunk = await untilAborted(source.next())
    }
    await ended(out)
    return { bytes, error: undefined, started }
  } catch (error) {
    source?.cancel(error)
    return { bytes, error, started }
  } finally {
    untilAborted.dispose()
  }
}

/** A buffered answer in streaming mode: the prelude and the whole body in one chunk after it. */
export async function sendWhole(
  out: LambdaResponseStream,
  prelude: object,
  body: Uint8Array | undefined,
): Promise<number> {
  writePrelude(out, prelude)
  if (body !== undefined && body.byteLength > 0) out.write(body)
  await ended(out)
  return body?.byteLength ?? 0
}

function writePrelude(out: LambdaResponseStream, prelude: object): void {
  out.setContentType?.(httpPreludeContentType)
  out.write(JSON.stringify(prelude))
  out.write(preludeDelimiter)
}

function drained(out: LambdaResponseStream): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      out.off('drain', done)
      out.off('close', done)
      resolve()
    }
    out.once('drain', done)
    out.once('close', done)
  })
}

function ended(out: LambdaResponseStream): Promise<void> {
  return new Promise((resolve) => {
    out.end(() => resolve())
  })
}

interface AbortRace {
  /** `promise`, or a rejection with the signal's reason when it aborts first. */
  <T>(promise: Promise<T>): Promise<T>
  dispose(): void
}

/**
 * One abort listener for the whole stream, which rejects whichever wait is current: a listener added and removed per
 * chunk costs more than the chunk, and a race against one long-lived promise keeps a reaction per chunk until it ends.
 */
function abortRace(signal: AbortSignal): AbortRace {
  let rejectCurrent: ((reason: unknown) => void) | undefined
  const onAbort = () => rejectCurrent?.(signal.reason)
  signal.addEventListener('abort', onAbort, { once: true })
  const race = <T>(promise: Promise<T>): Promise<T> => {
    if (signal.aborted) return Promise.reject(signal.reason)
    return new Promise<T>((resolve, reject) => {
      rejectCurrent = reject
      promise.then(resolve, reject)
    })
  }
  return Object.assign(race, { dispose: () => signal.removeEventListener('abort', onAbort) })
}
