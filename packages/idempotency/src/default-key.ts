import type { InvocationRequest } from '@tsumiki/core'
import { IdempotencyKeyMissingError } from './errors.js'

/** The header an HTTP client puts its idempotency key in (headers are lower-cased by the HTTP adapters). */
export const idempotencyKeyHeader = 'Idempotency-Key'

interface MaybeHeaders {
  readonly headers?: Readonly<Record<string, string | undefined>>
}

/**
 * The key a request is recorded under when `key()` is not given: the event's own id (`request.eventId`), which the
 * source keeps when it delivers the same event again (SQS `messageId`, SNS `MessageId`, EventBridge and schedule
 * `id`, S3 bucket + key + `sequencer`, Kinesis and DynamoDB Streams `eventID`). HTTP requests have no event id: the
 * `Idempotency-Key` header, which the client sends again when it retries, is the key, and a request without it is
 * refused (400 naming the header).
 */
export function defaultKeyOf(request: InvocationRequest): string {
  if (request.kind === 'http') {
    const key = (request as InvocationRequest & MaybeHeaders).headers?.['idempotency-key']
    if (key === undefined || key === '') {
      throw new IdempotencyKeyMissingError(`Missing ${idempotencyKeyHeader} header`, idempotencyKeyHeader)
    }
    return key
  }
  const key = request.eventId
  if (key === undefined || key === '') {
    throw new IdempotencyKeyMissingError(
      `A ${request.kind} request has no event id to use as its idempotency key: pass key(request) to idempotent()`,
    )
  }
  return key
}
