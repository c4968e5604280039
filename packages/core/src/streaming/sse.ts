import { InvalidOptionError } from '../errors/invalid-option-error.js'
import { type HttpStreamReply, replyStream } from './stream-reply.js'

/** One server-sent event. `data` is sent as is when a string, else as JSON. */
export interface ServerSentEvent {
  readonly data?: unknown
  /** The event's type (`event:`); the browser's `onmessage` gets events without one. */
  readonly event?: string | undefined
  /** `id:`: what the browser sends back as `Last-Event-ID` when it reconnects. */
  readonly id?: string | undefined
  /** `retry:`: how long the browser waits before reconnecting, in ms. */
  readonly retryMs?: number | undefined
  /** A comment line (`: ...`), ignored by the browser: a keep-alive. */
  readonly comment?: string | undefined
}

export interface SseInit {
  readonly status?: number | undefined
  readonly headers?: Readonly<Record<string, string>> | undefined
  readonly cookies?: readonly string[] | undefined
}

/**
 * A server-sent events answer (`text/event-stream`) from events as they come: an async iterable of events, or of
 * strings (each one event's data), or an array of them. Each event is one chunk, so the client sees it when it is yielded.
 */
export function sse(
  events: AsyncIterable<ServerSentEvent | string> | readonly (ServerSentEvent | string)[],
  init: SseInit = {},
): HttpStreamReply {
  return replyStream({
    status: init.status,
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      ...init.headers,
    },
    cookies: init.cookies,
    body: encodeEvents(events),
  })
}

async function* encodeEvents(
  events: AsyncIterable<ServerSentEvent | string> | readonly (ServerSentEvent | string)[],
): AsyncGenerator<string> {
  for await (const event of events) yield sseText(event)
}

/** One event as the `text/event-stream` format writes it, ending in the blank line that dispatches it. */
export function sseText(event: ServerSentEvent | string): string {
  if (typeof event === 'string') return `${dataLines(event)}\n`
  let text = ''
  if (event.comment !== undefined)
    text += event.comment
      .split(/\r\n|\r|\n/)
      .map((line) => `: ${line}\n`)
      .join('')
  if (event.event !== undefined) text += `event: ${oneLine('event', event.event)}\n`
  if (event.id !== undefined) text += `id: ${oneLine('id', event.id)}\n`
  if (event.retryMs !== undefined) {
    if (!Number.isInteger(event.retryMs) || event.retryMs < 0) {
      throw new InvalidOptionError(
        'sse()',
        'retryMs',
        'a whole number of milliseconds, 0 or more',
        event.retryMs,
      )
    }
    text += `retry: ${event.retryMs}\n`
  }
  if (event.data !== undefined) {
    text += dataLines(typeof event.data === 'string' ? event.data : jsonOf(event.data))
  }
  return `${text}\n`
}

// Each line of the data is a `data:` line of its own; the browser joins them back with newlines.
function dataLines(data: string): string {
  return data
    .split(/\r\n|\r|\n/)
    .map((line) => `data: ${line}\n`)
    .join('')
}

// A line break in an event name or id would start a field of the client's choosing.
function oneLine(field: string, value: string): string {
  if (/[\r\n\0]/.test(value)) {
    throw new InvalidOptionError('sse()', field, 'text without line breaks or NUL', value)
  }
  return value
}

function jsonOf(value: unknown): string {
  const json = JSON.stringify(value)
  if (json === undefined) throw new TypeError(`A ${typeof value} cannot be sent as server-sent event data`)
  return json
}
