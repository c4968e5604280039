import type { Link, SpanContext } from '@opentelemetry/api'
import { parseTraceparent } from '../context-in/traceparent.js'
import { parseXRayHeader } from '../context-in/xray-header.js'

/**
 * The producers' contexts a record carries, as span links (a batch has many producers, so a record's span is linked
 * to its producer rather than made its child, as the messaging conventions say):
 * - SQS: the `AWSTraceHeader` system attribute (X-Ray format, set by SQS when the sender traced), and a `traceparent`
 *   string message attribute (set by an OpenTelemetry producer);
 * - SNS: a `traceparent` message attribute;
 * - Kafka: a `traceparent` record header (the last, where several), as OpenTelemetry's Kafka producers write it;
 * - Kinesis and DynamoDB Streams carry no trace context of their own: a record links to nothing unless the producer
 *   put a `traceparent` in the record's data, which is the application's format, not read here.
 */
export function producerLinks(record: unknown): Link[] {
  if (typeof record !== 'object' || record === null) return []
  const links: Link[] = []
  const add = (context: SpanContext | undefined, carrier: string) => {
    if (context !== undefined && !links.some((link) => sameSpan(link.context, context))) {
      links.push({ context, attributes: { 'tsumiki.link.carrier': carrier } })
    }
  }
  const sqs = record as {
    readonly attributes?: { readonly AWSTraceHeader?: unknown }
    readonly messageAttributes?: Readonly<Record<string, { readonly stringValue?: unknown } | undefined>>
    readonly Sns?: {
      readonly MessageAttributes?: Readonly<Record<string, { readonly Value?: unknown } | undefined>>
    }
    readonly headers?: unknown
  }
  add(parseTraceparent(stringOf(sqs.messageAttributes?.traceparent?.stringValue)), 'traceparent')
  add(parseXRayHeader(stringOf(sqs.attributes?.AWSTraceHeader)), 'AWSTraceHeader')
  add(parseTraceparent(stringOf(sqs.Sns?.MessageAttributes?.traceparent?.Value)), 'traceparent')
  add(parseTraceparent(kafkaHeader(sqs.headers, 'traceparent')), 'traceparent')
  return links
}

/** A Kafka record header's value as text: headers are a list of `{ name: bytes }`, a name may repeat (the last wins). */
function kafkaHeader(headers: unknown, name: string): string | undefined {
  if (!Array.isArray(headers)) return undefined
  let found: string | undefined
  for (const header of headers) {
    const bytes: unknown =
      typeof header === 'object' && header !== null && Object.hasOwn(header, name) ? header[name] : undefined
    // A traceparent is 55 bytes; anything much longer is not one, and is not decoded.
    if (Array.isArray(bytes) && bytes.length <= 512 && bytes.every((byte) => Number.isInteger(byte))) {
      found = Buffer.from(bytes as number[]).toString('utf8')
    }
  }
  return found
}

function sameSpan(a: SpanContext, b: SpanContext): boolean {
  return a.traceId === b.traceId && a.spanId === b.spanId
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined
}
