import {
  isErrorReported,
  type LogTarget,
  logForRequest,
  markErrorReported,
  type RecordFailure,
  RecordsFailedError,
  reportUnhandledError,
} from '@tsumiki/core'
import type { Context } from 'aws-lambda'
import { describeError } from '../dead-letter/dead-letter-record.js'
import type { FailureClass } from '../dead-letter/failure-class.js'
import { RecordsNotRunError } from '../errors/records-not-run-error.js'
import type { BatchResponse, ReportMode } from './batch-source-table.js'
import type { NotRunReason, Outcome } from './outcome.js'

export interface RespondOptions<TItemId> {
  readonly source: string
  /** The table's words for a record held back by an earlier failure. */
  readonly heldBackBecause: string | undefined
  readonly ids: readonly string[]
  readonly outcomes: readonly Outcome[]
  /** The request each record ran with (undefined where none could be made): failures are marked per request. */
  readonly requests: readonly (object | undefined)[]
  readonly report: ReportMode
  /** Each record's key, for `'checkpoint-per-key'`; undefined when the records have no keys. */
  readonly keyOf: ((index: number) => string) | undefined
  /** How the response names the record at an index. */
  readonly identifierOf: (index: number) => TItemId
  readonly throwWhenEveryRecordFails: boolean
  readonly context: Context
  /** Puts `failure: 'permanent' | 'transient'` on each failed record's log line. */
  readonly classify: (error: unknown) => FailureClass
  /** Where permanent failures were parked (a queue URL), when the adapter has a dead-letter queue. */
  readonly deadLetter?: string | undefined
}

/**
 * Turns the outcomes into the partial batch response, after logging each failure once (unless a logger middleware
 * already did) and each group of records not run in one line. Throws `RecordsFailedError` when nothing succeeded and
 * the adapter is set to.
 */
export function respond<TItemId>(options: RespondOptions<TItemId>): BatchResponse<TItemId> {
  const { source, ids, outcomes, context } = options
  let succeededCount = 0
  let firstFailedIndex = -1
  let notRun: Map<NotRunReason, string[]> | undefined
  for (let index = 0; index < outcomes.length; index++) {
    const outcome = outcomes[index] as Outcome
    if (outcome.status === 'succeeded') {
      succeededCount++
    } else if (outcome.status === 'parked') {
      // Done as far as Lambda is concerned: dealt with, so a warning (no error alarm), once, with where it went.
      succeededCount++
      logDeadLetterOutcome(options, index, outcome.error, 'WARN', parkedMessage, {
        failure: 'permanent',
        dead_letter: 'parked',
        dead_letter_queue: options.deadLetter,
        reason: describeError(outcome.error),
      })
    } else if (outcome.status === 'failed') {
      if (firstFailedIndex === -1) firstFailedIndex = index
      if (outcome.parkingError === undefined) {
        reportUnhandledError(outcome.error, context, 'Record failed', options.requests[index], {
          record_id: ids[index],
          failure: options.classify(outcome.error),
        })
      } else {
        logDeadLetterOutcome(options, index, outcome.error, 'ERROR', 'Record failed', {
          failure: 'permanent',
          dead_letter: 'failed',
          dead_letter_queue: options.deadLetter,
          dead_letter_error: describeParkingError(outcome.parkingError),
        })
      }
    } else {
      notRun ??= new Map()
      const group = notRun.get(outcome.reason)
      if (group === undefined) notRun.set(outcome.reason, [ids[index] as string])
      else group.push(ids[index] as string)
    }
  }
  const notRunErrors = new Map<NotRunReason, RecordsNotRunError>()
  for (const [reason, recordIds] of notRun ?? []) {
    const error = new RecordsNotRunError(source, reason, recordIds, options.heldBackBecause)
    notRunErrors.set(reason, error)
    // Not a failure of its own (the failure that caused it was logged): a warning, once per reason, about the
    // invocation, through the logger of the first failed record (its failure is usually why the others did not
    // run), else of the first record that ran.
    const about =
      options.requests[firstFailedIndex] ?? options.requests.find((request) => request !== undefined)
    logForRequest({ log: (about as LogTarget | undefined)?.log, context }, 'WARN', error.message, {
      records_not_run: recordIds.length,
      reason,
    })
  }

  if (succeededCount === 0 && outcomes.length > 0 && options.throwWhenEveryRecordFails) {
    throw new RecordsFailedError(source, failuresOf(ids, outcomes, notRunErrors), outcomes.length)
  }
  return { batchItemFailures: reported(options) }
}

const parkedMessage = 'Record parked on the dead-letter queue'

/**
 * The one line of a permanent failure, written once its fate is known (the logger middleware leaves these to the
 * adapter: see `recordCapabilities`), through the record's logger when the chain has one. Nothing when something
 * logged this error for the record already.
 */
function logDeadLetterOutcome(
  options: RespondOptions<unknown>,
  index: number,
  error: unknown,
  level: 'WARN' | 'ERROR',
  message: string,
  fields: Readonly<Record<string, unknown>>,
): void {
  const request = options.requests[index]
  if (isErrorReported(error, request)) return
  logForRequest(
    request ?? { context: options.context, recordId: options.ids[index] },
    level,
    message,
    level === 'WARN' ? fields : { ...fields, error },
  )
  markErrorReported(error, request)
}

function describeParkingError(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  const cause = (error as { readonly cause?: unknown }).cause
  return cause instanceof Error ? `${error.message}: ${cause.message}` : error.message
}

/** Parked records are done: Lambda must not deliver them again. */
function isDone(outcome: Outcome): boolean {
  return outcome.status === 'succeeded' || outcome.status === 'parked'
}

function reported<TItemId>(options: RespondOptions<TItemId>): BatchResponse<TItemId>['batchItemFailures'] {
  const { ids, outcomes, identifierOf } = options
  const failures: BatchResponse<TItemId>['batchItemFailures'] = []
  if (options.report === 'checkpoint') {
    // The earliest record neither succeeded nor parked: everything before it is done, so the shard moves past it.
    const earliest = outcomes.findIndex((outcome) => !isDone(outcome))
    if (earliest !== -1) failures.push({ itemIdentifier: identifierOf(earliest) })
    return failures
  }
  // Per key, the earliest record not done; otherwise (every-unsucceeded) every one, each id once, as a standard
  // queue may deliver one message twice in a batch.
  const keyOf = options.report === 'checkpoint-per-key' ? (options.keyOf ?? (() => '')) : undefined
  const named = new Set<string>()
  for (let index = 0; index < outcomes.length; index++) {
    if (isDone(outcomes[index] as Outcome)) continue
    const name = keyOf === undefined ? (ids[index] as string) : keyOf(index)
    if (named.has(name)) continue
    named.add(name)
    failures.push({ itemIdentifier: identifierOf(index) })
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
      outcome.status === 'failed' || outcome.status === 'parked'
        ? outcome.error
        : notRunErrors.get((outcome as { reason: NotRunReason }).reason),
  }))
}
