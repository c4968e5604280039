import { type RecordFailure, TsumikiError } from '@tsumiki/core'
import { listIds } from './list-ids.js'

/**
 * Not one record of the batch succeeded, so the invocation fails instead of answering "all failed": Lambda counts
 * a function error (metrics, alarms, the SQS poller backs off), and its retry, bisect-on-error and on-failure
 * destination apply to the batch. Turn off with `throwWhenEveryRecordFails: false`.
 */
export class BatchFailedError extends TsumikiError {
  override readonly name: string = 'BatchFailedError'
  readonly source: string
  /** Every record, in batch order: its error, or a `RecordsNotRunError` when it never ran. */
  readonly failures: readonly RecordFailure[]

  constructor(source: string, failures: readonly RecordFailure[]) {
    super(
      'BATCH_FAILED',
      `All ${failures.length} ${source} records of the batch failed: ${listIds(failures.map((failure) => failure.recordId))}`,
      { cause: failures.length === 1 ? failures[0]?.error : new AggregateError(uniqueErrors(failures)) },
    )
    this.source = source
    this.failures = failures
  }
}

// Records not run share one error per reason; list it once.
function uniqueErrors(failures: readonly RecordFailure[]): unknown[] {
  return [...new Set(failures.map((failure) => failure.error))]
}
