import type { Outcome, RunLimits, Task } from './outcome.js'
import { runByKey } from './run-by-key.js'
import { runInOrder } from './run-in-order.js'

/**
 * How a stream batch (one shard, in sequence order) runs. One at a time: in order, stopping at the first failure,
 * which is where Lambda resumes. Several keys at once: each key's records in order, and after the earliest failure
 * no record behind it starts, in any lane, since Lambda delivers all of those again anyway.
 */
export function runStream(
  count: number,
  task: Task,
  concurrency: number,
  keyOf: (index: number) => string,
  limits: RunLimits,
): Promise<readonly Outcome[]> {
  if (concurrency === 1) return runInOrder(count, task, limits)
  return runByKey(count, task, { keyOf, concurrency, stopOtherLanesAfterFailure: true }, limits)
}
