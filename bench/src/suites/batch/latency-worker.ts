import { setTimeout as sleep } from 'node:timers/promises'
import { benchContext, type ContenderName, makeHandler, sqsBatch } from './contenders.js'

/*
 * One contender, alone in its own process so its memory is its own: runs a batch whose handler waits `latencyMs`
 * (an I/O call), a few times, and prints wall times and memory as one JSON line.
 * Args: <tsumiki|powertools> <records> <latencyMs> <concurrency> <invocations>
 */

export interface LatencyResult {
  readonly wallMs: number[]
  /** Peak resident set of the whole process (bytes). */
  readonly maxRssBytes: number
  /** Peak resident set minus the resident set just before the first invocation (bytes). */
  readonly rssGrowthBytes: number
  /** Highest heap use seen during the invocations minus the heap before them, after a full GC (bytes). */
  readonly heapGrowthBytes: number
}

const [contender, records, latencyMs, concurrency, invocations] = process.argv.slice(2)
const handler = makeHandler(contender as ContenderName, () => sleep(Number(latencyMs)), Number(concurrency))
const event = sqsBatch(Number(records))
const gc = (globalThis as { gc?: () => void }).gc

// Warm up with full batches, so the measured invocations run optimised code, as a warm Lambda does.
for (let run = 0; run < 3; run++) await handler(event, benchContext())
gc?.()
const rssBeforeBytes = process.memoryUsage.rss()
const heapBeforeBytes = process.memoryUsage().heapUsed
let heapPeakBytes = heapBeforeBytes
const sampler = setInterval(() => {
  heapPeakBytes = Math.max(heapPeakBytes, process.memoryUsage().heapUsed)
}, 1)

const wallMs: number[] = []
for (let run = 0; run < Number(invocations); run++) {
  const startedAt = performance.now()
  const response = await handler(event, benchContext())
  wallMs.push(performance.now() - startedAt)
  heapPeakBytes = Math.max(heapPeakBytes, process.memoryUsage().heapUsed)
  if (response.batchItemFailures.length !== 0) throw new Error(`${contender} reported failures`)
}
clearInterval(sampler)

const maxRssBytes = process.resourceUsage().maxRSS * 1024
const result: LatencyResult = {
  wallMs,
  maxRssBytes,
  rssGrowthBytes: Math.max(0, maxRssBytes - rssBeforeBytes),
  heapGrowthBytes: Math.max(0, heapPeakBytes - heapBeforeBytes),
}
process.stdout.write(`${JSON.stringify(result)}\n`)
