import { blockedBy, type Outcome, type RunLimits, type Task } from '../run-batch/outcome.js'
import { RunTracker } from './run-tracker.js'

/**
 * Runs the records one at a time in batch order and stops at the first failure: every later record is not run.
 * This is the order a FIFO queue or a stream shard promises, so a record never runs before one it follows.
 */
export function runInOrder(count: number, task: Task, limits: RunLimits = {}): Promise<readonly Outcome[]> {
  const run = new RunTracker(count, limits)
  let next = 0

  function skipRestAfter(failedIndex: number): void {
    const outcome = blockedBy(failedIndex)
    for (let index = failedIndex + 1; index < count; index++) run.set(index, outcome)
    next = count
  }

  function afterSettled(index: number, ok: boolean): void {
    if (!ok) skipRestAfter(index)
    step()
  }

  function step(): void {
    while (next < count && !run.finished) {
      if (run.cutOff()) break
      const index = next++
      const started = run.start(index, task, afterSettled)
      if (started === 'pending') return
      if (started === 'failed') skipRestAfter(index)
    }
    run.finish()
  }

  step()
  return run.result
}
