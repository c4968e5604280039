import type { InvocationRequest } from '@tsumiki/core'
import { IdempotencyKeyMissingError } from '../errors/idempotency-key-missing-error.js'

/** The header an HTTP client puts its idempotency key in. */
export const idempotencyKeyHeader = 'Idempotency-Key'

/**
 * The key a request is recorded under when `key()` is not given: the event's own id (`request.eventId`), which the
 * source keeps when it delivers the same event again (SQS `messageId`, SNS `MessageId`, EventBridge and schedule
 * `id`, S3 bucket + key + `sequencer`, Kinesis and DynamoDB Streams `eventID`). A request without one (HTTP) is keyed
 * by the `Idempotency-Key` header, which the client sends again when it retries; a client that sent none is
 * refused (400 naming the header).
 */
export function defaultKeyOf(request: InvocationRequest): string {
  const { capabilities } = request
  const key = request.eventId ?? capabilities.headerOf(request, idempotencyKeyHeader)
  if (key !== undefined && key !== '') return key
  if (capabilities.answersWithStatus) {
    throw new IdempotencyKeyMissingError(`Missing ${idempotencyKeyHeader} header`, idempotencyKeyHeader)
  }
  throw new IdempotencyKeyMissingError(
    `A ${request.kind} request has no event id to use as its idempotency key: pass key(request) to idempotent()`,
  )
}
