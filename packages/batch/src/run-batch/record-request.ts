import type { InvocationRequest } from '@tsumiki/core'

/** The three batch sources; also each request's `kind`. */
export type BatchSource = 'sqs' | 'kinesis' | 'dynamodb'

/**
 * What every per-record request has, whichever source it came from (SNS requests of core have it too). A
 * middleware that needs only this, say an idempotency key taken from `recordId`, is written once for all of them:
 * `Middleware<RecordRequest>`.
 */
export interface RecordRequest<TEvent = unknown, TRecord = unknown> extends InvocationRequest<TEvent> {
  /** The record as Lambda delivered it. `event` is the whole batch. */
  readonly record: TRecord
  /** The id the record is reported under in `batchItemFailures`, and logged with. */
  readonly recordId: string
}
