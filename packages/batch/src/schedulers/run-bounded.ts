import type { Outcome, RunLimits, Task } from '../run-batch/outcome.js'
import { RunTracker } from './run-tracker.js'

/**
 * Runs every record, at most `concurrency` at once, starting them in batch order: a pool that starts the next
 * record the moment one settles (not in waves, so one slow record holds up only its own slot). A failure stops
 * nothing: records of a standard queue are independent.
 */
export function runBounded(
  count: number,
  concurrency: number,
  task: Task,
  limits: RunLimits = {},
): Promise<readonly Outcome[]> {
  const run = new RunTracker(count, limits)
  let next = 0

  function pump(): void {
    while (next < count && run.inFlight < concurrency && !run.finished) {
      if (run.cutOff()) break
      run.start(next++, task, pump)
    }
    if (run.inFlight === 0 && !run.finished) run.finish()
  }

  pump()
  return run.result
}
