import { errorBrand, listRecordIds, TsumikiError } from '@tsumiki/core'
import type { NotRunReason } from '../run-batch/outcome.js'

const brand = /* @__PURE__ */ errorBrand<RecordsNotRunError>('RecordsNotRunError')

const deadlineReason = 'the invocation reached its deadline guard before they started'
/** Why records held back by an earlier failure did not run, when their source's table does not say. */
const heldBackReason = 'an earlier record they must follow failed'

/**
 * Records that never ran, and why. They are never dropped: SQS records are reported as failed, stream records lie
 * at or after the reported checkpoint; either way Lambda delivers them again. `heldBackBecause` words an earlier
 * failure in the source's terms (a FIFO message group, a shard, a topic-partition): its table's `heldBackBecause`.
 */
export class RecordsNotRunError extends TsumikiError {
  override readonly name: string = 'RecordsNotRunError'
  readonly source: string
  readonly reason: NotRunReason
  readonly recordIds: readonly string[]

  constructor(
    source: string,
    reason: NotRunReason,
    recordIds: readonly string[],
    heldBackBecause: string = heldBackReason,
  ) {
    const because = reason === 'deadline' ? deadlineReason : heldBackBecause
    super(
      'RECORDS_NOT_RUN',
      `${recordIds.length} ${source} record(s) were not run because ${because}; Lambda will deliver them again: ${listRecordIds(recordIds)}`,
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
