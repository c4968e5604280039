import { malformed } from '../validate/part-failure.js'
import { isParseFailure, parseJson } from './parse-json.js'

/**
 * The payload of an SNS notification delivered through SQS (raw message delivery off): the SQS body is SNS's JSON
 * envelope and the message is its `Message` text. Returns that text, or the failure to read the envelope.
 */
export function unwrapSnsNotification(body: unknown, part: string): unknown {
  const notification = typeof body === 'string' ? parseJson(body, part, 'the SNS notification') : body
  if (isParseFailure(notification)) return notification
  const message = isObject(notification) ? notification.Message : undefined
  if (typeof message !== 'string') {
    return malformed(
      part,
      `${part} is not an SNS notification`,
      "expected an SNS notification with a Message text; with raw message delivery on, leave out envelope: 'sns'",
    )
  }
  return message
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
