import type { BatchSourceTable } from '../run-batch/batch-source-table.js'
import type { Outcome, RunLimits, Task } from '../run-batch/outcome.js'
import { runBounded } from './run-bounded.js'
import { runByKey } from './run-by-key.js'
import { runInOrder } from './run-in-order.js'

/**
 * Runs a batch in the order its source promises (see `orderBy`), by picking one of the three schedulers: a pool for
 * independent records, one lane for a batch kept in order, lanes per key otherwise. Under a single checkpoint a
 * failure holds back every later record (Lambda delivers them all again), so one lane at a time is batch order.
 */
export function schedule<TRecord>(
  table: Pick<BatchSourceTable<never, TRecord, object, unknown>, 'orderBy' | 'report'>,
  records: readonly TRecord[],
  concurrency: number,
  task: Task,
  limits: RunLimits,
): Promise<readonly Outcome[]> {
  const { orderBy } = table
  const count = records.length
  if (orderBy === undefined) return runBounded(count, concurrency, task, limits)
  const holdsBackBatch = table.report === 'checkpoint'
  if (orderBy === 'batch' || (holdsBackBatch && concurrency === 1)) return runInOrder(count, task, limits)
  return runByKey(
    count,
    task,
    {
      keyOf: (index) => orderBy(records[index] as TRecord),
      concurrency,
      stopOtherLanesAfterFailure: holdsBackBatch,
    },
    limits,
  )
}
