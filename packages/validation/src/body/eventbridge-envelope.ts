import { malformed } from '../validate/part-failure.js'
import { isParseFailure, parseJson } from './parse-json.js'

/**
 * The payload of an EventBridge event delivered through SQS (a rule with an SQS target): the SQS body is the whole
 * event as JSON and the payload is its `detail`. Returns the detail, or the failure to read the event.
 */
export function unwrapEventBridgeEvent(body: unknown, part: string): unknown {
  const event = typeof body === 'string' ? parseJson(body, part, 'the EventBridge event') : body
  if (isParseFailure(event)) return event
  if (typeof event !== 'object' || event === null || !('detail' in event) || !('detail-type' in event)) {
    return malformed(
      part,
      `${part} is not an EventBridge event`,
      'expected an EventBridge event with detail-type and detail',
    )
  }
  return event.detail
}
