import { InvalidOptionError } from '../../errors/invalid-option-error.js'
import { wholeNumber } from '../../options/option-rules.js'

const replyBrand = Symbol.for('tsumiki.http-reply')

export interface ReplyInit {
  /** Default 200. */
  readonly status?: number | undefined
  readonly headers?: Readonly<Record<string, string>> | undefined
  /** `Set-Cookie` values, e.g. `session=abc; HttpOnly; Secure`. */
  readonly cookies?: readonly string[] | undefined
  /**
   * A string is sent as is (`text/plain` unless a content-type header says otherwise), bytes are sent base64
   * encoded, anything else as JSON. Leave it out for an empty body.
   */
  readonly body?: unknown
}

/** An HTTP response with a status, headers or cookies of the handler's choosing. Made by `reply()`. */
export interface HttpReply {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly cookies: readonly string[]
  readonly body: unknown
  readonly [replyBrand]: true
}

/**
 * Builds a response when a plain value (sent as 200 JSON) is not enough: `return reply({ status: 201, body })`.
 * Marked as a reply, so that a returned object which happens to have a `status` field is never mistaken for one.
 */
export function reply(init: ReplyInit): HttpReply {
  const status = init.status ?? 200
  // Checked inline, not with checkOptions(): reply() runs for every request that answers with it.
  if (!Number.isInteger(status) || status < 100 || status > 599) {
    throw new InvalidOptionError('reply()', 'status', wholeNumber(100, 599).expected, status)
  }
  return {
    status,
    headers: init.headers ?? {},
    cookies: init.cookies ?? [],
    body: init.body,
    [replyBrand]: true,
  }
}

export function isHttpReply(value: unknown): value is HttpReply {
  return typeof value === 'object' && value !== null && replyBrand in value
}
