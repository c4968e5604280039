import type { Context } from 'aws-lambda'
import { type ContextOptions, createContext } from '../context/context.js'
import { functionErrorOf } from '../local/runtime/invocation-outcome.js'
import { isContext } from './invoke.js'
import { responseStreamFor } from './response-stream.js'
import { StreamCollector, type StreamedAnswer, type StreamedResponse } from './streamed-response.js'

/** A response-streaming handler: `(event, responseStream, context)`. */
export type StreamingHandler<TEvent> = (
  event: TEvent,
  responseStream: never,
  context: Context,
) => Promise<unknown>

/**
 * Calls a response-streaming handler the way Lambda does, with a response stream, and gives its answer as it arrives:
 * `await response.head` (status, headers, cookies), `for await (const chunk of response)`, `await response.done`
 * (the whole body; `error` when the handler failed, as Lambda's error trailers say).
 */
export function invokeStream<TEvent>(
  handler: StreamingHandler<TEvent>,
  event: TEvent,
  context?: Context | ContextOptions,
): StreamedResponse {
  const collector = new StreamCollector()
  void runStreamingHandler(handler, event, isContext(context) ? context : createContext(context), collector)
  return collector
}

/**
 * Calls `handler` with a response stream whose bytes go to `collector`, and resolves when it has returned (what it
 * logged at the end included) and its stream ended. A
 * handler that rejects ends the stream with its error (the runtime client's error trailers), logged as the runtime
 * client logs it; one that resolves without ending its stream fails as it does there.
 */
export async function runStreamingHandler<TEvent>(
  handler: StreamingHandler<TEvent>,
  event: TEvent,
  context: Context,
  collector: StreamCollector,
): Promise<StreamedAnswer> {
  const stream = responseStreamFor(collector)
  try {
    await handler(event, stream as never, context)
    if (!stream.writableEnded) throw new Error('Response stream is not finished.')
    if (!stream.writableFinished) await new Promise((resolve) => stream.once('finish', resolve))
    collector.end()
  } catch (thrown) {
    const error = functionErrorOf(thrown)
    console.error('Invoke Error', `\t${JSON.stringify(error)}`)
    collector.end(error)
  }
  return collector.done
}
