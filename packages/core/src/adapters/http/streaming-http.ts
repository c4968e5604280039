import type { APIGatewayProxyEvent, Context, LambdaFunctionURLEvent } from 'aws-lambda'
import type { Adapter } from '../../engine/adapter.js'
import type { Invocation } from '../../engine/invocation.js'
import { isDeadlineExceededError } from '../../errors/deadline-exceeded-error.js'
import { markErrorReported } from '../../errors/error-report.js'
import { InvalidEventError } from '../../errors/invalid-event-error.js'
import { logForRequest } from '../../log/log-for-request.js'
import { emitSignal } from '../../signals/signals.js'
import type { LambdaResponseStream } from '../../streaming/response-stream.js'
import { streamifyResponse } from '../../streaming/response-stream.js'
import { sendStream, sendWhole } from '../../streaming/send-stream.js'
import { type HttpStreamReply, isHttpStreamReply, streamSent } from '../../streaming/stream-reply.js'
import { type HttpOptions, HttpRequestObject, readTrustedProxies } from './http.js'
import type { HttpRequest, HttpVariant } from './http-request.js'
import { detectHttpVariant, readHttpHead } from './read-http-event.js'
import { lowerCaseKeys, partsFromError, partsFromResult, type ResponseParts } from './response-parts.js'

/** The events a streamed answer can go back to: a Function URL in `RESPONSE_STREAM` mode, a REST API in `STREAM` mode. */
export type StreamingHttpEvent = LambdaFunctionURLEvent | APIGatewayProxyEvent

/** A response-streaming handler, as Lambda calls it: `awslambda.streamifyResponse` marks it. */
export type StreamingHttpHandler = (
  event: StreamingHttpEvent,
  responseStream: LambdaResponseStream,
  context: Context,
) => Promise<void>

/**
 * HTTP with response streaming: a Function URL whose invoke mode is `RESPONSE_STREAM`, or an API Gateway REST API
 * whose integration streams (`responseTransferMode: STREAM`, `InvokeWithResponseStream`). Requests are `http()`'s;
 * the handler answers as under `http()` (a value, `reply()`, a thrown `HttpError`), each sent as one chunk after the
 * prelude, or with `replyStream()` / `sse()`, sent as it is produced. A failure before the first byte is an ordinary
 * error answer; after it, the stream ends, the failure is logged, and Lambda reports the invocation failed.
 */
export function streamingHttp(
  options?: HttpOptions,
): Adapter<HttpRequest<StreamingHttpEvent>, StreamingHttpHandler> {
  const trustedProxies = readTrustedProxies('streamingHttp', options)
  return {
    name: 'streamingHttp',
    lambdaHandler: (built) =>
      streamifyResponse(async function tsumikiStreamingHandler(
        event: StreamingHttpEvent,
        responseStream: LambdaResponseStream,
        context: Context,
      ): Promise<void> {
        await built(event as never, context, responseStream)
      }),
    async run(event, invocation, chain, output) {
      const out = responseStreamOf(output)
      const variant = streamingVariant(event)
      const head = readHttpHead(event, variant)
      const request = new HttpRequestObject<StreamingHttpEvent>(invocation, event, head, trustedProxies)
      let result: unknown
      let parts: ResponseParts | undefined
      try {
        result = await chain(request)
      } catch (error) {
        parts = partsFromError(error, invocation.context, request)
      }
      if (parts === undefined && isHttpStreamReply(result)) {
        parts = await sendReply(out, result, variant, invocation, request)
        if (parts === undefined) return
      }
      parts ??= partsFromResult(result)
      emitSignal(request, 'http.answer', { status: parts.status })
      await sendWhole(out, preludeOf(variant, parts), bodyBytes(parts))
    },
  }
}

/** Streams `reply`; returns the error answer to send instead when the body failed before its first byte. */
async function sendReply(
  out: LambdaResponseStream,
  reply: HttpStreamReply,
  variant: HttpVariant,
  invocation: Invocation,
  request: HttpRequest<StreamingHttpEvent>,
): Promise<ResponseParts | undefined> {
  const headers = lowerCaseKeys(reply.headers)
  headers['content-type'] ??= 'application/octet-stream'
  const streamed = { status: reply.status, headers, cookies: reply.cookies }
  const outcome = await sendStream(out, reply, preludeOf(variant, streamed), invocation.signal)
  const report = (error: unknown) =>
    logForRequest(request, 'ERROR', 'Work after the stream was sent failed', { error })
  if (!outcome.started) {
    streamSent(reply, outcome, report)
    return partsFromError(outcome.error, invocation.context, request)
  }
  emitSignal(request, 'http.answer', { status: reply.status })
  if (outcome.error !== undefined) {
    const message = isDeadlineExceededError(outcome.error)
      ? `The deadline guard cut the stream after ${outcome.bytes} bytes, before Lambda's timeout`
      : `The stream failed after ${outcome.bytes} bytes`
    logForRequest(request, 'ERROR', message, { error: outcome.error, bytes_sent: outcome.bytes })
    markErrorReported(outcome.error, request)
  }
  streamSent(reply, outcome, report)
  // Thrown to the runtime, which ends the stream with the error's trailers: the client's body is cut short.
  if (outcome.error !== undefined) throw outcome.error
  return undefined
}

function responseStreamOf(output: unknown): LambdaResponseStream {
  const candidate = output as Partial<LambdaResponseStream> | undefined
  if (typeof candidate?.write !== 'function' || typeof candidate.end !== 'function') {
    throw new InvalidEventError(
      'streamingHttp',
      'the handler was called without a response stream: deploy it with the Function URL invoke mode RESPONSE_STREAM (or a REST API integration with responseTransferMode STREAM); without streaming use http()',
    )
  }
  return candidate as LambdaResponseStream
}

function streamingVariant(event: unknown): HttpVariant {
  const variant = detectHttpVariant(event)
  // Only Function URLs and REST APIs read a streamed answer; the others would pass the prelude on as body bytes.
  if (variant === 'alb' || variant === 'apiGatewayV2') {
    const door = variant === 'alb' ? 'an ALB' : 'an HTTP API (payload 2.0)'
    throw new InvalidEventError(
      'streamingHttp',
      `${door} event: only Function URLs and REST APIs stream responses, use http()`,
    )
  }
  return variant
}

interface PreludeParts {
  readonly status: number
  readonly headers: Record<string, string>
  readonly cookies: readonly string[]
}

/**
 * What goes before the delimiter. A Function URL takes cookies in a field of their own; a REST API takes several
 * `Set-Cookie` headers in `multiValueHeaders` (API Gateway's format for streamed proxy integrations).
 */
export function preludeOf(variant: HttpVariant, parts: PreludeParts): object {
  const cookies = parts.cookies.length > 0 ? [...parts.cookies] : undefined
  if (variant === 'apiGatewayV1') {
    return {
      statusCode: parts.status,
      headers: parts.headers,
      ...(cookies !== undefined ? { multiValueHeaders: { 'set-cookie': cookies } } : {}),
    }
  }
  return { statusCode: parts.status, headers: parts.headers, ...(cookies !== undefined ? { cookies } : {}) }
}

function bodyBytes(parts: ResponseParts): Uint8Array | undefined {
  if (parts.body === undefined) return undefined
  return Buffer.from(parts.body, parts.isBase64Encoded ? 'base64' : 'utf8')
}
