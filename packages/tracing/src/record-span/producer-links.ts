import type { Link, SpanContext } from '@opentelemetry/api'
import { parseTraceparent } from '../context-in/traceparent.js'
import { parseXRayHeader } from '../context-in/xray-header.js'

/**
 * The producers' contexts a record carries, as span links (a batch has many producers, so a record's span is linked
 * to its producer rather than made its child, as the messaging conventions say):
 * - SQS: the `AWSTraceHeader` system attribute (X-Ray format, set by SQS when the sender traced), and a `traceparent`
 *   string message attribute (set by an OpenTelemetry producer);
 * - SNS: a `traceparent` message attribute;
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
  }
  add(parseTraceparent(stringOf(sqs.messageAttributes?.traceparent?.stringValue)), 'traceparent')
  add(parseXRayHeader(stringOf(sqs.attributes?.AWSTraceHeader)), 'AWSTraceHeader')
  add(parseTraceparent(stringOf(sqs.Sns?.MessageAttributes?.traceparent?.Value)), 'traceparent')
  return links
}

function sameSpan(a: SpanContext, b: SpanContext): boolean {
  return a.traceId === b.traceId && a.spanId === b.spanId
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined
}
