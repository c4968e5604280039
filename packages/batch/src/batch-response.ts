import { type RecordFailure, RecordsFailedError, reportUnhandledError, writeLogLine } from '@tsumiki/core'
import type { Context, SQSBatchResponse } from 'aws-lambda'
import { RecordsNotRunError } from './errors/records-not-run-error.js'
import type { NotRunReason, Outcome } from './outcome.js'

/** The partial batch response; SQS, Kinesis and DynamoDB Streams share its shape. */
type BatchResponse = SQSBatchResponse

/**
 * Which records the response names.
 * - `every-unsucceeded` (SQS): each record that did not succeed, failed or not run. Lambda deletes the others.
 * - `checkpoint` (Kinesis, DynamoDB Streams): only the earliest record that did not succeed. Lambda checkpoints
 *   there and delivers it and everything after it in the shard again; naming later records adds nothing.
 */
export type ReportMode = 'every-unsucceeded' | 'checkpoint'

export interface RespondOptions {
  readonly source: string
  readonly ids: readonly string[]
  readonly outcomes: readonly Outcome[]
  /** The request each record ran with (undefined where none could be made): failures are marked per request. */
  readonly requests: readonly (object | undefined)[]
  readonly report: ReportMode
  readonly throwWhenEveryRecordFails: boolean
  readonly context: Context
}

/**
 * Turns the outcomes into the partial batch response, after logging each failure once (unless a logger middleware
 * already did) and each group of records not run in one line. Throws `RecordsFailedError` when nothing succeeded and
 * the adapter is set to.
 */
export function respond(options: RespondOptions): BatchResponse {
  const { source, ids, outcomes, context } = options
  let succeededCount = 0
  let notRun: Map<NotRunReason, string[]> | undefined
  for (let index = 0; index < outcomes.length; index++) {
    const outcome = outcomes[index] as Outcome
    if (outcome.status === 'succeeded') {
      succeededCount++
    } else if (outcome.status === 'failed') {
      reportUnhandledError(outcome.error, context, 'Record failed', options.requests[index], {
        record_id: ids[index],
      })
    } else {
      notRun ??= new Map()
      const group = notRun.get(outcome.reason)
      if (group === undefined) notRun.set(outcome.reason, [ids[index] as string])
      else group.push(ids[index] as string)
    }
  }
  const notRunErrors = new Map<NotRunReason, RecordsNotRunError>()
  for (const [reason, recordIds] of notRun ?? []) {
    const error = new RecordsNotRunError(source, reason, recordIds)
    notRunErrors.set(reason, error)
    // Not a failure of its own (the failure that caused it was logged): a warning, once per reason.
    writeLogLine('WARN', error.message, { records_not_run: recordIds.length, reason }, context)
  }

  if (succeededCount === 0 && outcomes.length > 0 && options.throwWhenEveryRecordFails) {
    throw new RecordsFailedError(source, failuresOf(ids, outcomes, notRunErrors), outcomes.length)
  }
  return { batchItemFailures: reported(ids, outcomes, options.report) }
}

function reported(
  ids: readonly string[],
  outcomes: readonly Outcome[],
  mode: ReportMode,
): BatchResponse['batchItemFailures'] {
  const failures: BatchResponse['batchItemFailures'] = []
  if (mode === 'checkpoint') {
    const earliest = outcomes.findIndex((outcome) => outcome.status !== 'succeeded')
    if (earliest !== -1) failures.push({ itemIdentifier: ids[earliest] as string })
    return failures
  }
  // Standard queues may deliver one message twice in a batch: name each id once.
  const named = new Set<string>()
  for (let index = 0; index < outcomes.length; index++) {
    if ((outcomes[index] as Outcome).status === 'succeeded') continue
    const id = ids[index] as string
    if (named.has(id)) continue
    named.add(id)
    failures.push({ itemIdentifier: id })
  }
  return failures
}

function failuresOf(
  ids: readonly string[],
  outcomes: readonly Outcome[],
  notRunErrors: ReadonlyMap<NotRunReason, RecordsNotRunError>,
): RecordFailure[] {
  return outcomes.map((outcome, index) => ({
    recordId: ids[index] as string,
    error:
      outcome.status === 'failed'
        ? outcome.error
        : notRunErrors.get((outcome as { reason: NotRunReason }).reason),
  }))
}
