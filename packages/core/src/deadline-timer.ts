/** A cut-off the process-wide deadline timer watches; made by `watchDeadline`, ended by `unwatchDeadline`. */
export interface DeadlineWatch {
  /** Epoch ms at which `expire` is due. */
  readonly cutoffAtMs: number
  readonly expire: () => void
}

/**
 * One timer for the whole process, however many invocations run at once (Lambda Managed Instances run up to 64
 * in one process): armed for the earliest cut-off being watched, re-armed for the next one when it fires, and
 * cleared as soon as nothing is watched. Only invocations that need a deadline are watched: one whose signal was
 * read, or whose handler was still running after a microtask turn. Unref'd: the guard never keeps a process alive
 * on its own (local runs, tests). The timer functions are looked up when called, so fake timers drive it.
 */
const watched = new Set<DeadlineWatch>()
let timer: ReturnType<typeof setTimeout> | undefined
let timerDueAtMs = Number.POSITIVE_INFINITY

/** Calls `expire` at `cutoffAtMs` (epoch ms), unless unwatched before. */
export function watchDeadline(cutoffAtMs: number, expire: () => void): DeadlineWatch {
  const watch: DeadlineWatch = { cutoffAtMs, expire }
  watched.add(watch)
  if (cutoffAtMs < timerDueAtMs) arm(cutoffAtMs, Date.now())
  return watch
}

export function unwatchDeadline(watch: DeadlineWatch): void {
  if (!watched.delete(watch) || watched.size > 0) return
  // Nothing left to guard: leave no timer behind. (When an earlier cut-off leaves but others stay, the timer just
  // fires early and re-arms for the earliest one still watched.)
  disarm()
}

/** How many cut-offs are watched now; for tests (nothing may stay behind). */
export function watchedDeadlineCount(): number {
  return watched.size
}

function disarm(): void {
  if (timer !== undefined) clearTimeout(timer)
  timer = undefined
  timerDueAtMs = Number.POSITIVE_INFINITY
}

function arm(dueAtMs: number, nowMs: number): void {
  if (timer !== undefined) clearTimeout(timer)
  timerDueAtMs = dueAtMs
  timer = setTimeout(fire, Math.max(0, dueAtMs - nowMs))
  timer.unref?.()
}

function fire(): void {
  timer = undefined
  timerDueAtMs = Number.POSITIVE_INFINITY
  const nowMs = Date.now()
  const due: DeadlineWatch[] = []
  let nextDueAtMs = Number.POSITIVE_INFINITY
  for (const watch of watched) {
    if (watch.cutoffAtMs <= nowMs) due.push(watch)
    else if (watch.cutoffAtMs < nextDueAtMs) nextDueAtMs = watch.cutoffAtMs
  }
  // Collected first: expiring aborts signals, whose listeners run at once and may start or end other watches.
  for (const watch of due) {
    if (!watched.delete(watch)) continue
    watch.expire()
  }
  if (watched.size === 0) disarm()
  else if (nextDueAtMs < timerDueAtMs) {
    // A timer may fire a little before Date.now() reaches its due time; it then fires again for what is left.
    arm(nextDueAtMs, nowMs)
  }
}
