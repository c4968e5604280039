import type { Context } from 'aws-lambda'
import { isDeadlineExceededError } from '../../errors/deadline-exceeded-error.js'
import { reportUnhandledError } from '../../errors/error-report.js'
import { isHttpError } from '../../errors/http-error.js'
import { redactedJson } from '../../sensitive/redacted-json.js'
import { isHttpStreamReply } from '../../streaming/stream-reply.js'
import { isHttpReply } from './reply.js'

/** A response before it is shaped for the front door that will send it. */
export interface ResponseParts {
  readonly status: number
  readonly headers: Record<string, string>
  readonly cookies: readonly string[]
  readonly body: string | undefined
  readonly isBase64Encoded: boolean
}

const jsonContentType = 'application/json; charset=utf-8'

/** A plain value, strings included, is 200 JSON; `undefined` is 204; a `reply()` is sent as it says. */
export function partsFromResult(result: unknown): ResponseParts {
  if (isHttpReply(result)) {
    return withBody(result.status, lowerCaseKeys(result.headers), result.cookies, result.body)
  }
  if (result === undefined)
    return { status: 204, headers: {}, cookies: [], body: undefined, isBase64Encoded: false }
  if (isHttpStreamReply(result)) {
    // Else it would go out as the JSON of its fields, a 200 nobody meant.
    throw new TypeError(
      'A streamed answer (replyStream(), sse()) needs a streaming function: lambda(streamingHttp()), deployed with response streaming; http() answers whole',
    )
  }
  return {
    status: 200,
    headers: { 'content-type': jsonContentType },
    cookies: [],
    body: toJson(result),
    isBase64Encoded: false,
  }
}

/**
 * An `HttpError` is the client's to see: its status and `{ error: { type, message, details? } }`, with every
 * registered sensitive value out of it (a secret in a message or in `details` is `[REDACTED]` there too). Anything
 * else is ours: a generic 500 (504 for the deadline) with nothing of the error in it, and the error itself to the log.
 */
export function partsFromError(error: unknown, context: Context, request?: object): ResponseParts {
  if (isHttpError(error)) {
    if (error.status >= 500) reportUnhandledError(error, context, `HTTP ${error.status} response`, request)
    return {
      status: error.status,
      headers: { ...lowerCaseKeys(error.headers), 'content-type': jsonContentType },
      cookies: [],
      body: redactedJson(error.toResponseBody()),
      isBase64Encoded: false,
    }
  }
  if (isDeadlineExceededError(error)) {
    reportUnhandledError(error, context, 'Deadline exceeded: answered 504', request)
    return errorParts(504, 'deadline_exceeded', 'The request could not be completed in time')
  }
  reportUnhandledError(error, context, 'Unhandled error: answered 500', request)
  return errorParts(500, 'internal', 'Internal server error')
}

function errorParts(status: number, type: string, message: string): ResponseParts {
  return {
    status,
    headers: { 'content-type': jsonContentType },
    cookies: [],
    body: JSON.stringify({ error: { type, message } }),
    isBase64Encoded: false,
  }
}

function withBody(
  status: number,
  headers: Record<string, string>,
  cookies: readonly string[],
  body: unknown,
): ResponseParts {
  if (body === undefined) return { status, headers, cookies, body: undefined, isBase64Encoded: false }
  if (typeof body === 'string') {
    return {
      status,
      headers: { 'content-type': 'text/plain; charset=utf-8', ...headers },
      cookies,
      body,
      isBase64Encoded: false,
    }
  }
  if (body instanceof Uint8Array) {
    return {
      status,
      headers: { 'content-type': 'application/octet-stream', ...headers },
      cookies,
      body: Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('base64'),
      isBase64Encoded: true,
    }
  }
  return {
    status,
    headers: { 'content-type': jsonContentType, ...headers },
    cookies,
    body: toJson(body),
    isBase64Encoded: false,
  }
}

function toJson(value: unknown): string {
  const json = JSON.stringify(value)
  if (json === undefined) throw new TypeError(`A ${typeof value} cannot be sent as a JSON response body`)
  return json
}

export function lowerCaseKeys(headers: Readonly<Record<string, string>>): Record<string, string> {
  const lowered: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) lowered[name.toLowerCase()] = value
  return lowered
}
