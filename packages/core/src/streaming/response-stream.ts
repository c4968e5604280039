/**
 * The writable Lambda hands a response-streaming handler (a Node `Writable` made by the runtime client), as far as
 * tsumiki uses it.
 */
export interface LambdaResponseStream {
  write(chunk: string | Uint8Array): boolean
  end(callback?: () => void): unknown
  once(event: 'drain' | 'close', listener: () => void): unknown
  off(event: 'drain' | 'close', listener: () => void): unknown
  /** The runtime client's: the response's media type, settable before the first write. */
  setContentType?(contentType: string): void
  readonly writableEnded?: boolean
}

/** What the runtime client's `awslambda.streamifyResponse()` marks a handler with (aws-lambda-ric's UserFunction). */
const streamingMark = Symbol.for('aws.lambda.runtime.handler.streaming')

interface AwsLambdaGlobal {
  readonly streamifyResponse?: <T>(handler: T) => T
}

/**
 * Marks `handler` as one Lambda calls with a response stream: through the runtime's own `awslambda.streamifyResponse`
 * where it is defined (on Lambda, and under aws-lambda-ric), else with the same mark, so a handler built where the
 * global is missing (a test, a bundle loaded before the runtime) is still streamed.
 */
export function streamifyResponse<T extends object>(handler: T): T {
  const streamify = (globalThis as { readonly awslambda?: AwsLambdaGlobal }).awslambda?.streamifyResponse
  if (typeof streamify === 'function') return streamify(handler)
  ;(handler as Record<symbol, unknown>)[streamingMark] = 'response'
  return handler
}

/** Whether `handler` is marked for response streaming (what the runtime client checks). */
export function isStreamingHandler(handler: unknown): boolean {
  return (
    typeof handler === 'function' &&
    (handler as unknown as Record<symbol, unknown>)[streamingMark] === 'response'
  )
}

/** The media type that tells the Function URL or API Gateway a JSON prelude and a delimiter come first. */
export const httpPreludeContentType = 'application/vnd.awslambda.http-integration-response'

/** Eight zero bytes end the prelude (`awslambda.HttpResponseStream`'s delimiter). */
export const preludeDelimiter: Uint8Array = /* @__PURE__ */ new Uint8Array(8)
