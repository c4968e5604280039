import { errorBrand } from './brand.js'
import { listRecordIds } from './list-record-ids.js'
import { TsumikiError } from './tsumiki-error.js'

const brand = /* @__PURE__ */ errorBrand<RecordsFailedError>('RecordsFailedError')

export interface RecordFailure {
  readonly recordId: string
  readonly error: unknown
}

/**
 * Records of an event failed and the invocation fails with them, so Lambda's retry, bisect-on-error and on-failure
 * destination take over: SNS and S3 (no partial-failure response) when any record failed, the batch sources when
 * none succeeded. `failures` lists every failed record, in event order; the message names the first ten.
 */
export class RecordsFailedError extends TsumikiError {
  override readonly name: string = 'RecordsFailedError'
  /** The adapter whose records failed: `sns`, `s3`, `sqs`, `kinesis`, `dynamodb`. */
  readonly source: string
  readonly failures: readonly RecordFailure[]
  /** How many records the event had. */
  readonly total: number

  constructor(source: string, failures: readonly RecordFailure[], total: number) {
    const ids = listRecordIds(failures.map((failure) => failure.recordId))
    super(
      'RECORDS_FAILED',
      failures.length === total && total > 1
        ? `All ${total} ${source} records failed: ${ids}`
        : `${failures.length} of ${total} ${source} records failed: ${ids}`,
      { cause: failures.length === 1 ? failures[0]?.error : new AggregateError(uniqueErrors(failures)) },
    )
    this.source = source
    this.failures = failures
    this.total = total
    brand.mark(this)
  }
}

export function isRecordsFailedError(error: unknown): error is RecordsFailedError {
  return brand.is(error)
}

// Records that share one error (the deadline's, records not run for one reason) list it once.
function uniqueErrors(failures: readonly RecordFailure[]): unknown[] {
  return [...new Set(failures.map((failure) => failure.error))]
}
