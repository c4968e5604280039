import type { RequestCapabilities } from '@tsumiki/core'
import { PartFailure } from '../validate/part-failure.js'
import { acceptedContentTypes, formatForContentType, mediaTypeOf, type TextFormat } from './content-type.js'
import { unwrapEventBridgeEvent } from './eventbridge-envelope.js'
import { defaultMaxDepth } from './json-depth.js'
import { parseForm } from './parse-form.js'
import { isParseFailure, parseJson } from './parse-json.js'
import { unwrapSnsNotification } from './sns-envelope.js'

/**
 * How a text body is read. `'auto'`: on HTTP by its content type, on every other source as JSON (SQS, SNS and
 * Kinesis payloads are JSON text by convention).
 */
export type BodyFormat = 'auto' | TextFormat

/**
 * The wrapper another AWS service put around the payload before it reached this source: `'sns'` for an SNS
 * notification delivered through SQS, `'eventbridge'` for an EventBridge event delivered through SQS.
 */
export type BodyEnvelope = 'sns' | 'eventbridge'

/** The request fields reading a body may look at. Only `body` is required by the middleware's types. */
interface BodySource {
  readonly body?: unknown
  readonly capabilities?: RequestCapabilities
}

const unwrapEnvelope = { sns: unwrapSnsNotification, eventbridge: unwrapEventBridgeEvent } as const
// What a payload that is not JSON is called in the issue, so the sender knows which layer to fix.
const payloadName = { sns: 'the SNS Message', eventbridge: 'the EventBridge detail' } as const

/** What else decides how a body is read, fixed when the middleware is made. */
export interface BodyReading {
  /** JSON nesting deeper than this is refused unparsed (400). */
  readonly maxDepth: number
  /** Whether the body schema may take a string: if not, an HTTP body of an unreadable content type is a 415. */
  readonly readsText: boolean
}

const defaultReading: BodyReading = { maxDepth: defaultMaxDepth, readsText: true }

/**
 * Makes the function that turns `request.body` into the value its schema sees: the parsed JSON or form, the text,
 * or, for a body that is not text (EventBridge's `detail`), the value as it is. When the body cannot be read the
 * result is a `PartFailure` (a 400 on HTTP; 415 for a content type the schema cannot take).
 */
export function bodyReader(
  format: BodyFormat,
  envelope: BodyEnvelope | undefined,
  reading: BodyReading = defaultReading,
): (request: BodySource) => unknown {
  const part = 'body'
  const { maxDepth, readsText } = reading
  if (envelope === undefined) {
    return function readBody(request) {
      const body = request.body
      if (typeof body !== 'string') return body
      if (format !== 'auto') return parseText(body, format, part, part, maxDepth)
      const contentType = contentTypeOf(request)
      if (contentType === undefined) return parseText(body, 'json', part, part, maxDepth)
      const read = formatForContentType(contentType, readsText)
      return read === 'unsupported'
        ? unsupportedMediaType(contentType)
        : parseText(body, read, part, part, maxDepth)
    }
  }
  const unwrap = unwrapEnvelope[envelope]
  // Inside an envelope the request's content type describes the envelope, not the payload: 'auto' means JSON.
  const payloadFormat = format === 'auto' ? 'json' : format
  const what = payloadName[envelope]
  return function readEnvelopedBody(request) {
    const payload = unwrap(request.body, part)
    if (isParseFailure(payload) || typeof payload !== 'string') return payload
    return parseText(payload, payloadFormat, part, what, maxDepth)
  }
}

// The source says what media type its body has (HTTP's content-type); a source that declares none carries JSON.
function contentTypeOf(request: BodySource): string | undefined {
  return request.capabilities?.bodyContentType(request)
}

function unsupportedMediaType(contentType: unknown): PartFailure {
  const mediaType = mediaTypeOf(contentType)
  return new PartFailure('body', 415, `body of type ${mediaType} cannot be read`, [
    {
      path: 'headers["content-type"]',
      message: `${mediaType} is not accepted: send ${acceptedContentTypes}`,
    },
  ])
}

function parseText(text: string, format: TextFormat, part: string, what: string, maxDepth: number): unknown {
  switch (format) {
    case 'json':
      // An empty body is no body: the schema says whether one is required ("expected object, received undefined").
      return text === '' ? undefined : parseJson(text, part, what, maxDepth)
    case 'form':
      return parseForm(text)
    default:
      return text
  }
}
