import { writeFileSync } from 'node:fs'
import type { LineWriter } from './fixtures.js'
import { traceHeader } from './fixtures.js'

/*
 * One contender alone in its own process, stdout going wherever the parent sent it (/dev/null to measure, a pipe
 * for a sample line). Args: <contender> <lines> <warm-up lines> <result file | "-">
 */

export interface WorkerResult {
  readonly lines: number
  readonly elapsedMs: number
  /** Peak resident set of the whole process (bytes), loader included. */
  readonly maxRssBytes: number
  /** Resident set just before the measured lines (bytes), after warm-up. */
  readonly rssBeforeBytes: number
}

export const contenderNames = [
  'tsumiki',
  'tsumikiRedacting',
  'pinoSync',
  'pinoAsync',
  'pinoDefaults',
  'powertools',
  'consoleLog',
  'idle',
] as const
export type ContenderName = (typeof contenderNames)[number]

async function load(name: ContenderName): Promise<LineWriter> {
  switch (name) {
    case 'tsumiki':
      return (await import('./tsumiki.js')).tsumiki()
    case 'tsumikiRedacting':
      return (await import('./tsumiki.js')).tsumikiRedacting()
    case 'pinoSync':
      return (await import('./pino.js')).pinoSync()
    case 'pinoAsync':
      return (await import('./pino.js')).pinoAsync()
    case 'pinoDefaults':
      return (await import('./pino.js')).pinoDefaults()
    case 'powertools':
      return (await import('./powertools.js')).powertools()
    case 'consoleLog':
      return (await import('./console.js')).consoleLog()
    case 'idle':
      // Loads nothing and writes nothing: the process's own memory, to read the others' against.
      return { write: () => {}, flush: async () => {} }
  }
}

async function main(): Promise<void> {
  const [name, lines, warmUp, resultFile] = process.argv.slice(2)
  if (!contenderNames.includes(name as ContenderName) || resultFile === undefined) {
    throw new Error(`usage: worker.ts <${contenderNames.join('|')}> <lines> <warm-up> <result file | ->`)
  }
  // Every contender finds the trace header where a Lambda runtime puts it for one invocation per process.
  process.env._X_AMZN_TRACE_ID = traceHeader
  const writer = await load(name as ContenderName)
  for (let index = 0; index < Number(warmUp); index++) writer.write(index)
  await writer.flush()
  const rssBeforeBytes = process.memoryUsage.rss()
  const count = Number(lines)
  const startedAt = performance.now()
  for (let index = 0; index < count; index++) writer.write(index)
  await writer.flush()
  const elapsedMs = performance.now() - startedAt
  const result: WorkerResult = {
    lines: count,
    elapsedMs,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
    rssBeforeBytes,
  }
  if (resultFile !== '-') writeFileSync(resultFile, JSON.stringify(result))
}

await main()
