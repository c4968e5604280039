import type { Attributes, SpanOptions } from '@opentelemetry/api'
import type { InvocationRequest } from '@tsumiki/core'
import { producerLinks } from './producer-links.js'

/** `messaging.system` by the kind of source (the conventions name `aws_sqs` and `aws.sns`; the streams their own). */
const messagingSystems: Readonly<Record<string, string>> = {
  sqs: 'aws_sqs',
  sns: 'aws.sns',
  kinesis: 'aws.kinesis',
  dynamodb: 'aws.dynamodb_streams',
  s3: 'aws.s3',
  kafka: 'kafka',
}

/** `CONSUMER` in the API's `SpanKind`. */
const consumerKind = 4

/**
 * A record's span, by the messaging conventions: named `process <destination>` (the queue, topic or stream named by
 * the record's source ARN, or a Kafka record's topic), the record's id as `messaging.message.id`, linked to the
 * producer's context.
 */
export function recordSpan(request: InvocationRequest): {
  readonly name: string
  readonly options: SpanOptions
} {
  const record = (request as { readonly record?: unknown }).record
  const destination = destinationOf(record)
  const attributes: Attributes = {
    'messaging.operation.type': 'process',
    'messaging.operation.name': 'process',
    'messaging.system': messagingSystems[request.kind] ?? request.kind,
  }
  if (request.recordId !== undefined) attributes['messaging.message.id'] = request.recordId
  if (destination !== undefined) attributes['messaging.destination.name'] = destination
  return {
    name: destination === undefined ? `process ${request.kind}` : `process ${destination}`,
    options: { kind: consumerKind, attributes, links: producerLinks(record) },
  }
}

/** The last part of the record's source ARN: a queue's, a topic's, a stream's or a table's name. */
function destinationOf(record: unknown): string | undefined {
  if (typeof record !== 'object' || record === null) return undefined
  const { topic } = record as { readonly topic?: unknown }
  if (typeof topic === 'string' && Array.isArray((record as { readonly headers?: unknown }).headers))
    return topic
  const { eventSourceARN, EventSubscriptionArn, Sns } = record as {
    readonly eventSourceARN?: unknown
    readonly EventSubscriptionArn?: unknown
    readonly Sns?: { readonly TopicArn?: unknown }
  }
  const arn = [eventSourceARN, Sns?.TopicArn, EventSubscriptionArn].find((value) => typeof value === 'string')
  if (typeof arn !== 'string') return undefined
  // arn:aws:kinesis:region:account:stream/name, arn:aws:dynamodb:…:table/name/stream/label, arn:aws:sqs:…:name
  const resource = arn.split(':')[5]
  if (resource === undefined || resource === '') return undefined
  const parts = resource.split('/')
  return (parts[0] === 'stream' || parts[0] === 'table' ? parts[1] : parts[0]) || undefined
}
