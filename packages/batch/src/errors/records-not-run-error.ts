import { errorBrand, listRecordIds, TsumikiError } from '@tsumiki/core'
import type { NotRunReason } from '../run-batch/outcome.js'

const brand = /* @__PURE__ */ errorBrand<RecordsNotRunError>('RecordsNotRunError')

const deadlineReason = 'the invocation reached its deadline guard before they started'

// Worded per source: an SQS FIFO queue has message groups, a stream has partitions (keys) within a shard.
function because(source: string, reason: NotRunReason): string {
  if (reason === 'deadline') return deadlineReason
  return source === 'sqs'
    ? 'an earlier message they must follow (same FIFO batch or message group) failed'
    : 'an earlier record of the same shard and partition key failed, and the stream keeps their order'
}

/**
 * Records that never ran, and why. They are never dropped: SQS records are reported as failed, stream records lie
 * at or after the reported checkpoint; either way Lambda delivers them again.
 */
export class RecordsNotRunError extends TsumikiError {
  override readonly name: string = 'RecordsNotRunError'
  readonly source: string
  readonly reason: NotRunReason
  readonly recordIds: readonly string[]

  constructor(source: string, reason: NotRunReason, recordIds: readonly string[]) {
    super(
      'RECORDS_NOT_RUN',
      `${recordIds.length} ${source} record(s) were not run because ${because(source, reason)}; Lambda will deliver them again: ${listRecordIds(recordIds)}`,
    )
    // A summary made after the run: where it was made says nothing, so its log line carries no stack trace.
    this.stack = `${this.name}: ${this.message}`
    this.source = source
    this.reason = reason
    this.recordIds = recordIds
    brand.mark(this)
  }
}

/** Recognises a `RecordsNotRunError` from any copy of this package (core's `errorBrand`). */
export function isRecordsNotRunError(error: unknown): error is RecordsNotRunError {
  return brand.is(error)
}
