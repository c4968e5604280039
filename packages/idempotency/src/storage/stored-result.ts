import { type HttpReply, isHttpReply, isHttpStreamReply, reply } from '@tsumiki/core'
import { IdempotencyStreamedResultError } from '../errors/idempotency-streamed-result-error.js'

/**
 * How a result is kept in a record: JSON of `{}` (no result), `{ "value": … }`, or `{ "reply": … }` for an HTTP
 * `reply()`, whose status, headers, cookies and body (bytes as base64) come back as the same reply.
 */
type StoredResult =
  | { readonly value?: unknown }
  | {
      readonly reply: {
        readonly status: number
        readonly headers: Readonly<Record<string, string>>
        readonly cookies: readonly string[]
        readonly body?: unknown
        readonly bodyBase64?: string
      }
    }

export function encodeResult(result: unknown): string {
  if (result === undefined) return '{}'
  // Refused, not stored as JSON of its fields: a stream's body is not data, and it has not run yet.
  if (isHttpStreamReply(result)) throw new IdempotencyStreamedResultError()
  if (!isHttpReply(result)) return JSON.stringify({ value: result } satisfies StoredResult)
  const { status, headers, cookies, body } = result
  const stored: StoredResult =
    body instanceof Uint8Array
      ? { reply: { status, headers, cookies, bodyBase64: Buffer.from(body).toString('base64') } }
      : { reply: { status, headers, cookies, body } }
  return JSON.stringify(stored)
}

export function decodeResult(text: string): unknown {
  const stored = JSON.parse(text) as StoredResult
  if (!('reply' in stored)) return stored.value
  const { bodyBase64, ...init } = stored.reply
  const replayed: HttpReply = reply(
    bodyBase64 === undefined ? init : { ...init, body: new Uint8Array(Buffer.from(bodyBase64, 'base64')) },
  )
  return replayed
}
