import { blockedBy, type Outcome, type RunLimits, type Task } from '../run-batch/outcome.js'
import { RunTracker } from './run-tracker.js'

export interface RunByKeyOptions {
  /** The lane a record belongs to: its message group, partition key or item key. */
  readonly keyOf: (index: number) => string
  /** Lanes in flight at once; a lane runs one record at a time. */
  readonly concurrency: number
  /**
   * After a failure at index `i`, also leave every record after `i` in *other* lanes unstarted. Streams need this:
   * Lambda resumes the shard from the earliest failure and delivers everything after it again, so running those
   * records now would only run them twice.
   */
  readonly stopOtherLanesAfterFailure: boolean
}

/** The records of one key, in batch order, and how far the lane got. */
interface Lane {
  readonly indices: number[]
  position: number
}

/**
 * Runs each key's records in batch order, one at a time, and different keys side by side (up to `concurrency`).
 * A failure leaves the rest of its lane unstarted; other lanes go on. When a slot frees, the idle lane whose next
 * record comes earliest in the batch goes first, so the run stays close to batch order: with `concurrency` 1 it
 * *is* batch order, minus the lanes that failed.
 */
export function runByKey(
  count: number,
  task: Task,
  options: RunByKeyOptions,
  limits: RunLimits = {},
): Promise<readonly Outcome[]> {
  const run = new RunTracker(count, limits)
  const laneOf = new Array<Lane>(count)
  const ready = new LaneHeap(groupIntoLanes(count, options.keyOf, laneOf))
  // The earliest failure so far: with stopOtherLanesAfterFailure no lane starts a record after it.
  let horizon = Number.POSITIVE_INFINITY

  function skipRestOfLane(lane: Lane, from: number, cause: number): void {
    const outcome = blockedBy(cause)
    for (let position = from; position < lane.indices.length; position++) {
      run.set(lane.indices[position] as number, outcome)
    }
    lane.position = lane.indices.length
  }

  function afterRecord(lane: Lane, index: number, ok: boolean): void {
    if (!ok) {
      skipRestOfLane(lane, lane.position, index)
      if (options.stopOtherLanesAfterFailure && index < horizon) horizon = index
    } else if (lane.position < lane.indices.length) {
      ready.push(lane)
    }
  }

  function afterSettled(index: number, ok: boolean): void {
    afterRecord(laneOf[index] as Lane, index, ok)
    pump()
  }

  function pump(): void {
    while (run.inFlight < options.concurrency && ready.size > 0 && !run.finished) {
      if (run.cutOff()) break
      const lane = ready.pop()
      const index = lane.indices[lane.position] as number
      if (index > horizon) {
        skipRestOfLane(lane, lane.position, horizon)
        continue
      }
      lane.position++
      const started = run.start(index, task, afterSettled)
      if (started !== 'pending') afterRecord(lane, index, started === 'succeeded')
    }
    if (run.inFlight === 0 && !run.finished) run.finish()
  }

  pump()
  return run.result
}

/** Groups the records by key, in order of each key's first record, and notes each record's lane in `laneOf`. */
function groupIntoLanes(count: number, keyOf: (index: number) => string, laneOf: Lane[]): Lane[] {
  const byKey = new Map<string, Lane>()
  for (let index = 0; index < count; index++) {
    const key = keyOf(index)
    let lane = byKey.get(key)
    if (lane === undefined) {
      lane = { indices: [], position: 0 }
      byKey.set(key, lane)
    }
    lane.indices.push(index)
    laneOf[index] = lane
  }
  return [...byKey.values()]
}

/** Idle lanes, the one whose next record comes first in the batch on top. A binary min-heap. */
class LaneHeap {
  readonly #items: Lane[]

  // Lanes come in order of their first record, which is already a valid heap.
  constructor(lanes: Lane[]) {
    this.#items = lanes
  }

  get size(): number {
    return this.#items.length
  }

  push(lane: Lane): void {
    const items = this.#items
    items.push(lane)
    let child = items.length - 1
    while (child > 0) {
      const parent = (child - 1) >> 1
      if (nextIndex(items[parent] as Lane) <= nextIndex(lane)) break
      items[child] = items[parent] as Lane
      child = parent
    }
    items[child] = lane
  }

  pop(): Lane {
    const items = this.#items
    const top = items[0] as Lane
    const last = items.pop() as Lane
    if (items.length === 0) return top
    let parent = 0
    for (;;) {
      let child = 2 * parent + 1
      if (child >= items.length) break
      const right = child + 1
      if (right < items.length && nextIndex(items[right] as Lane) < nextIndex(items[child] as Lane))
        child = right
      if (nextIndex(items[child] as Lane) >= nextIndex(last)) break
      items[parent] = items[child] as Lane
      parent = child
    }
    items[parent] = last
    return top
  }
}

function nextIndex(lane: Lane): number {
  return lane.indices[lane.position] as number
}
