import type { Chain } from '../engine/adapter.js'
import type { Invocation } from '../engine/invocation.js'
import { reportUnhandledError } from '../errors/error-report.js'
import { type RecordFailure, RecordsFailedError } from '../errors/records-failed-error.js'
import { emitSignal, hasSignalObservers } from '../signals/signals.js'
import type { EventRecords } from './read-records.js'

/**
 * Runs the chain for each record in order, for sources without a partial-failure response (SNS, S3). Every record
 * runs even when an earlier one fails; then a single failure is rethrown as is and several become one
 * `RecordsFailedError`, so Lambda retries the event and its on-failure destination gets it. Each failed record is
 * logged once, under its own id, even when records share one error (the deadline's).
 */
export async function runEachRecord<TRecord, TRequest extends object>(
  source: string,
  { records, ids }: EventRecords<TRecord>,
  invocation: Invocation,
  toRequest: (record: TRecord) => TRequest,
  chain: Chain<TRequest, unknown>,
): Promise<void> {
  const failures: (RecordFailure & { readonly request: TRequest | undefined })[] = []
  for (let index = 0; index < records.length; index++) {
    let request: TRequest | undefined
    let outcome: 'succeeded' | 'failed' = 'succeeded'
    try {
      request = toRequest(records[index] as TRecord)
      await chain(request)
    } catch (error) {
      outcome = 'failed'
      failures.push({ recordId: ids[index] as string, error, request })
    }
    if (hasSignalObservers(invocation)) {
      emitSignal(request ?? invocation, 'batch.record', { source, recordId: ids[index] as string, outcome })
    }
  }
  const [onlyFailure] = failures
  if (onlyFailure === undefined) return
  if (failures.length === 1) throw onlyFailure.error
  for (const { error, recordId, request } of failures) {
    reportUnhandledError(error, invocation.context, 'Record failed', request, { record_id: recordId })
  }
  throw new RecordsFailedError(source, failures, records.length)
}
