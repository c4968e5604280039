import { type Chain, emitSignal, hasSignalObservers, type Invocation } from '@tsumiki/core'
import { failureClassifier } from '../dead-letter/failure-class.js'
import { catchPermanent, type PermanentFailures, parkCaught } from '../dead-letter/park-permanent.js'
import { schedule } from '../schedulers/schedule.js'
import { respond } from './batch-response.js'
import type { BatchResponse, BatchSettings, BatchSourceTable } from './batch-source-table.js'
import { limitsOf } from './options.js'
import type { Outcome, Task } from './outcome.js'
import { recordCapabilities } from './record-capabilities.js'

/**
 * Runs one batch the way every batch adapter does, whatever its source: the chain once per record, in the order
 * and concurrency `table.orderBy` and `settings` allow, until the invocation's deadline guard; permanent failures
 * parked when there is a dead-letter queue; each failure logged once; then the partial batch response `table.report`
 * describes, or `RecordsFailedError` when nothing succeeded (unless `throwWhenEveryRecordFails` is false). No record
 * is lost: each ends succeeded, parked, or named in the response (or, under a checkpoint, behind one named there).
 *
 * An adapter's `run` is this call with its table; see docs/adding-an-adapter.md.
 */
export async function runBatch<TEvent, TRecord, TRequest extends object, TItemId = string>(
  table: BatchSourceTable<TEvent, TRecord, TRequest, TItemId>,
  settings: BatchSettings,
  event: TEvent,
  invocation: Invocation,
  chain: Chain<TRequest, unknown>,
): Promise<BatchResponse<TItemId>> {
  const { records, ids } = table.records(event)
  const { deadLetter } = settings
  const classify = failureClassifier(settings.isPermanent)
  const capabilities = recordCapabilities(classify, deadLetter)
  const requests: (TRequest | undefined)[] = []
  const runRecord: Task = (index) => {
    const request = table.toRequest(invocation, event, records[index] as TRecord, capabilities)
    requests[index] = request
    return chain(request)
  }
  const caught: PermanentFailures = new Map()
  const limits = limitsOf(invocation)
  let outcomes = await schedule(
    table,
    records,
    settings.concurrency,
    deadLetter === undefined ? runRecord : catchPermanent(runRecord, classify, caught),
    limits,
  )
  if (deadLetter !== undefined) {
    outcomes = await parkCaught(
      outcomes,
      caught,
      deadLetter,
      (index) => ({
        source: table.source,
        recordId: ids[index] as string,
        ...table.deadLetterOf(records[index] as TRecord, event),
      }),
      limits.signal,
    )
  }
  if (hasSignalObservers(invocation)) signalOutcomes(table.source, ids, outcomes, requests, invocation)
  const { orderBy, itemIdentifierOf } = table
  return respond({
    source: table.source,
    heldBackBecause: table.heldBackBecause,
    ids,
    outcomes,
    requests,
    report: table.report,
    keyOf: typeof orderBy === 'function' ? (index: number) => orderBy(records[index] as TRecord) : undefined,
    identifierOf:
      itemIdentifierOf === undefined
        ? (index: number) => ids[index] as TItemId
        : (index: number) => itemIdentifierOf(records[index] as TRecord, ids[index] as string),
    throwWhenEveryRecordFails: settings.throwWhenEveryRecordFails,
    context: invocation.context,
    classify,
    deadLetter: deadLetter === undefined ? undefined : (deadLetter.destination ?? deadLetter.name),
  })
}

/** One `batch.record` signal per record, about its request (or the invocation, where none could be made). */
function signalOutcomes(
  source: string,
  ids: readonly string[],
  outcomes: readonly Outcome[],
  requests: readonly (object | undefined)[],
  invocation: Invocation,
): void {
  for (let index = 0; index < outcomes.length; index++) {
    emitSignal(requests[index] ?? invocation, 'batch.record', {
      source,
      recordId: ids[index] as string,
      outcome: (outcomes[index] as Outcome).status,
    })
  }
}
