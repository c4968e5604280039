import type { InvocationRequest } from '@tsumiki/core'
import { IdempotencyKeyMissingError } from './errors.js'

/** The header an HTTP client puts its idempotency key in (headers are lower-cased by the HTTP adapters). */
export const idempotencyKeyHeader = 'Idempotency-Key'

interface MaybeSourceFields {
  readonly eventId?: unknown
  readonly headers?: Readonly<Record<string, string | undefined>>
  readonly messageId?: unknown
  readonly id?: unknown
  readonly event?: unknown
  readonly bucket?: unknown
  readonly key?: unknown
  readonly record?: {
    readonly eventID?: unknown
    readonly s3?: { readonly object?: { readonly sequencer?: unknown } }
  }
}

/**
 * The key a request is recorded under when `key()` is not given: the event's own id, which the source keeps when
 * it delivers the same event again (SQS `messageId`, SNS `MessageId`, EventBridge and schedule `id`, S3 bucket +
 * key + `sequencer`, Kinesis and DynamoDB Streams `eventID`). HTTP: the `Idempotency-Key` header, which the client
 * sends again when it retries; without it the request is refused (400 naming the header).
 */
export function defaultKeyOf(request: InvocationRequest): string {
  const fields = request as InvocationRequest & MaybeSourceFields
  if (request.kind === 'http') {
    const key = fields.headers?.['idempotency-key']
    if (key === undefined || key === '') {
      throw new IdempotencyKeyMissingError(`Missing ${idempotencyKeyHeader} header`, idempotencyKeyHeader)
    }
    return key
  }
  const key = eventIdOf(request, fields)
  if (typeof key !== 'string' || key === '') {
    throw new IdempotencyKeyMissingError(
      `A ${request.kind} request has no event id to use as its idempotency key: pass key(request) to idempotent()`,
    )
  }
  return key
}

function eventIdOf(request: InvocationRequest, fields: MaybeSourceFields): unknown {
  if (typeof fields.eventId === 'string') return fields.eventId
  switch (request.kind) {
    case 'sqs':
    case 'sns':
      return fields.messageId
    case 'eventbridge':
      return fields.id
    case 'schedule':
      return (fields.event as { id?: unknown } | undefined)?.id
    case 's3': {
      const sequencer = fields.record?.s3?.object?.sequencer
      return typeof sequencer === 'string'
        ? `${String(fields.bucket)}/${String(fields.key)}/${sequencer}`
        : undefined
    }
    case 'kinesis':
    case 'dynamodb':
      return fields.record?.eventID
    default:
      return undefined
  }
}
