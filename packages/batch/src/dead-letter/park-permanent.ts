import { isPromiseLike } from '@tsumiki/core'
import { failed, type Outcome, type Task } from '../run-batch/outcome.js'
import { type DeadLetterRecord, describeError } from './dead-letter-record.js'
import type { FailureClass } from './failure-class.js'
import type { DeadLetter } from './sqs-dead-letter.js'

/** The permanent failures a run caught, by record index, to park once it ends. */
export type PermanentFailures = Map<number, unknown>

/**
 * Wraps a task so a permanent failure looks like success to the scheduler: the record is parked, so what comes after
 * it need not wait for it (a stream shard moves on; a FIFO group goes on). The error is kept in `caught`.
 */
export function catchPermanent(
  task: Task,
  classify: (error: unknown) => FailureClass,
  caught: PermanentFailures,
): Task {
  const keep = (index: number, error: unknown): undefined => {
    if (classify(error) !== 'permanent') throw error
    caught.set(index, error)
    return undefined
  }
  return (index) => {
    let result: unknown
    try {
      result = task(index)
    } catch (error) {
      return keep(index, error)
    }
    if (!isPromiseLike(result)) return result
    return Promise.resolve(result).then(undefined, (error: unknown) => keep(index, error))
  }
}

/**
 * Parks the caught records and turns each into `parked`, or `failed` with the parking error when the queue did not
 * take it: a record is never reported as done unless it is stored somewhere. A record the run already counted
 * failed (its deadline came while it was in flight) stays failed.
 */
export async function parkCaught(
  outcomes: readonly Outcome[],
  caught: PermanentFailures,
  deadLetter: DeadLetter,
  describe: (index: number) => Omit<DeadLetterRecord, 'error' | 'failedAtMs'>,
  signal: AbortSignal | undefined,
): Promise<readonly Outcome[]> {
  const indices = [...caught.keys()].filter((index) => outcomes[index]?.status === 'succeeded')
  if (indices.length === 0) return outcomes
  const failedAtMs = Date.now()
  const records = indices.map(
    (index): DeadLetterRecord => ({
      ...describe(index),
      error: describeError(caught.get(index)),
      failedAtMs,
    }),
  )
  const results = await deadLetter.park(records, signal)
  const parked = [...outcomes]
  indices.forEach((index, position) => {
    const error = caught.get(index)
    const result = results[position]
    parked[index] =
      result?.parked === true
        ? { status: 'parked', error }
        : failed(error, result === undefined ? new Error('no answer for the record') : result.error)
  })
  return parked
}
