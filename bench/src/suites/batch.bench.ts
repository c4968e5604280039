import { spawnSync } from 'node:child_process'
import { appendFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { markErrorReported } from '@tsumiki/core'
import { runSuite } from '../harness.js'
import { benchContext, type ContenderName, makeHandler, sqsBatch } from './batch/contenders.js'
import type { LatencyResult } from './batch/latency-worker.js'

/*
 * @tsumiki/batch against Powertools' BatchProcessor + processPartialResponse on SQS batches.
 *
 * 1. Engine cost (in process, tinybench): 1,000 records whose handler does no I/O, so the time is the
 *    library's own: request objects, scheduling, the partial response.
 * 2. I/O-bound batches (each contender alone in a child process, for honest memory figures): 1,000 records
 *    whose handler waits 5 ms. tsumiki at its default bound of 10 should take close to the ideal
 *    1,000 × 5 ms / 10 = 500 ms (efficiency = ideal ÷ wall ≥ 0.9); Powertools runs all 1,000 at once, so the
 *    like-for-like row is tsumiki with concurrency 1,000.
 */

const here = dirname(fileURLToPath(import.meta.url))
const resultsFile = join(here, '..', '..', 'results', 'batch.md')
const benchDir = join(here, '..', '..')

const records = 1_000
const latencyMs = 5

async function engineCost(): Promise<void> {
  const event = sqsBatch(records)
  const noop = async () => {}
  const tsumiki10 = makeHandler('tsumiki', noop, 10)
  const tsumikiAll = makeHandler('tsumiki', noop, records)
  const powertools = makeHandler('powertools', noop, records)
  // One record in ten fails: the failure path (errors, the response list) costs too. Output is silenced.
  const failing = async (body: string) => {
    if (body.endsWith('0}')) throw new Error('poison')
  }
  // As when the logger middleware has logged the failure already: the adapter then writes no line of its own.
  const failingLogged = async (body: string) => {
    if (body.endsWith('0}')) {
      const error = new Error('poison')
      markErrorReported(error)
      throw error
    }
  }
  const tsumikiFailing = makeHandler('tsumiki', failing, 10)
  const tsumikiFailingLogged = makeHandler('tsumiki', failingLogged, 10)
  const powertoolsFailing = makeHandler('powertools', failing, records)
  const silence = () => {
    const write = process.stderr.write.bind(process.stderr)
    process.stderr.write = (() => true) as typeof process.stderr.write
    return () => {
      process.stderr.write = write
    }
  }

  await runSuite(
    'batch',
    `SQS batch of ${records.toLocaleString('en')} records, per-record async handler with no I/O: the library's own cost per batch. tsumiki runs \`lambda(sqs({ concurrency }))\`; Powertools runs \`processPartialResponse(event, handler, new BatchProcessor(EventType.SQS))\` (all records at once). In the failing row, tsumiki either logs each failure itself (one JSON line with the stack, which is most of that row's cost) or finds it already logged by a logger middleware; Powertools logs nothing.`,
    [
      {
        label: `${records} records, no-op handler, tsumiki at its default bound`,
        contenders: [
          { name: 'tsumiki sqs() concurrency 10', fn: () => tsumiki10(event, benchContext()) },
          { name: 'Powertools BatchProcessor', fn: () => powertools(event, benchContext()) },
        ],
      },
      {
        label: `${records} records, no-op handler, both unbounded`,
        contenders: [
          { name: 'tsumiki sqs() concurrency 1000', fn: () => tsumikiAll(event, benchContext()) },
          { name: 'Powertools BatchProcessor', fn: () => powertools(event, benchContext()) },
        ],
      },
      {
        label: `${records} records, 10% fail`,
        contenders: [
          {
            name: 'tsumiki sqs() concurrency 10, failures logged by a logger middleware',
            fn: () => tsumikiFailingLogged(event, benchContext()),
          },
          { name: 'Powertools BatchProcessor', fn: () => powertoolsFailing(event, benchContext()) },
        ],
      },
      {
        label: `${records} records, 10% fail, tsumiki logs each failure`,
        contenders: [
          {
            name: 'tsumiki sqs() concurrency 10, one stderr line per failure',
            fn: async () => {
              const restore = silence()
              try {
                return await tsumikiFailing(event, benchContext())
              } finally {
                restore()
              }
            },
          },
          {
            name: 'Powertools BatchProcessor',
            fn: async () => {
              const restore = silence()
              try {
                return await powertoolsFailing(event, benchContext())
              } finally {
                restore()
              }
            },
          },
        ],
      },
    ],
  )
}

interface LatencyRow {
  readonly label: string
  readonly contender: ContenderName
  readonly records: number
  readonly concurrency: number
  readonly invocations: number
}

interface Measured {
  readonly row: LatencyRow
  readonly result: LatencyResult
  readonly wallMs: number
  readonly idealMs: number
}

function runWorker(row: LatencyRow): LatencyResult {
  const worker = join(here, 'batch', 'latency-worker.ts')
  const args = [row.contender, row.records, latencyMs, row.concurrency, row.invocations].map(String)
  const child = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', worker, ...args], {
    cwd: benchDir,
    encoding: 'utf8',
  })
  if (child.status !== 0) throw new Error(`${row.label} worker failed: ${child.stderr}`)
  return JSON.parse(child.stdout.trim().split('\n').at(-1) as string) as LatencyResult
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] as number
}
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`
const ratio = (value: number) => `${value.toFixed(2)}×`

function measure(row: LatencyRow): Measured {
  const result = runWorker(row)
  const wallMs = median(result.wallMs)
  const idealMs = (row.records * latencyMs) / Math.min(row.concurrency, row.records)
  console.log(
    `  batch · I/O-bound · ${row.records} · ${row.label}: ${wallMs.toFixed(1)} ms (ideal ${idealMs} ms)`,
  )
  return { row, result, wallMs, idealMs }
}

function ioBound(): void {
  const big = 10_000
  const [bare, bounded, oursAll, powertools, oursBig100, oursBigAll, powertoolsBig] = [
    {
      label: 'no library: hand-written pool, concurrency 10',
      contender: 'bare',
      records,
      concurrency: 10,
      invocations: 10,
    },
    {
      label: 'tsumiki sqs() concurrency 10',
      contender: 'tsumiki',
      records,
      concurrency: 10,
      invocations: 10,
    },
    {
      label: 'tsumiki sqs() concurrency 1000',
      contender: 'tsumiki',
      records,
      concurrency: records,
      invocations: 40,
    },
    {
      label: 'Powertools BatchProcessor',
      contender: 'powertools',
      records,
      concurrency: records,
      invocations: 40,
    },
    {
      label: 'tsumiki sqs() concurrency 100',
      contender: 'tsumiki',
      records: big,
      concurrency: 100,
      invocations: 3,
    },
    {
      label: 'tsumiki sqs() concurrency 10000',
      contender: 'tsumiki',
      records: big,
      concurrency: big,
      invocations: 10,
    },
    {
      label: 'Powertools BatchProcessor',
      contender: 'powertools',
      records: big,
      concurrency: big,
      invocations: 10,
    },
  ].map((row) => measure(row as LatencyRow)) as [
    Measured,
    Measured,
    Measured,
    Measured,
    Measured,
    Measured,
    Measured,
  ]

  const line = ({ row, result, wallMs, idealMs }: Measured) =>
    `| ${row.records.toLocaleString('en')} | ${row.label} | ${wallMs.toFixed(1)} ms | ${idealMs} ms | ${(idealMs / wallMs).toFixed(2)} | ${Math.round((row.records / wallMs) * 1000).toLocaleString('en')} | ${mb(result.maxRssBytes)} | ${mb(result.heapGrowthBytes)} |`
  const versus = (ours: Measured, anchor: Measured) =>
    `| ${ours.row.records.toLocaleString('en')} records: ${ours.row.label} vs ${anchor.row.label} | ${ratio(anchor.wallMs / ours.wallMs)} | ${ratio(anchor.result.maxRssBytes / ours.result.maxRssBytes)} | ${ratio(anchor.result.heapGrowthBytes / Math.max(1, ours.result.heapGrowthBytes))} |`

  const lines = [
    '',
    '### I/O-bound batches',
    '',
    `SQS records whose handler awaits a ${latencyMs} ms timer (an I/O call). Each contender runs alone in a child process: three warm-up batches, then the measured invocations (median wall time). Ideal = records × latency ÷ concurrency; efficiency = ideal ÷ wall. Peak RSS is the process's high-water mark (\`process.resourceUsage().maxRSS\`, tsx loader included, so mostly a constant); heap growth is the highest heap use sampled (every 1 ms) during the invocations minus the heap after a GC before them (garbage not yet collected included, so it tracks allocation pressure as much as what is kept). Powertools has no bound: it runs every record at once.`,
    '',
    '| records | contender | wall (median) | ideal | efficiency | records/s | peak RSS | heap growth |',
    '|---:|---|---:|---:|---:|---:|---:|---:|',
    ...[bare, bounded, oursAll, powertools, oursBig100, oursBigAll, powertoolsBig].map(line),
    '',
    'Ratios (above 1: tsumiki is faster or lighter):',
    '',
    '| comparison | throughput (tsumiki ÷ anchor) | peak RSS (anchor ÷ tsumiki) | heap growth (anchor ÷ tsumiki) |',
    '|---|---:|---:|---:|',
    versus(oursAll, powertools),
    versus(bounded, powertools),
    versus(oursBigAll, powertoolsBig),
    versus(oursBig100, powertoolsBig),
    '',
    `Efficiency target for tsumiki at concurrency 10 on ${records.toLocaleString('en')} records: ≥ 0.90, measured ${(bounded.idealMs / bounded.wallMs).toFixed(2)} (the hand-written pool, i.e. what this host's timers allow: ${(bare.idealMs / bare.wallMs).toFixed(2)}). A bounded row trades wall time for a cap on concurrent calls to whatever the handler talks to (and on memory: see the heap growth at ${big.toLocaleString('en')} records); the like-for-like throughput rows are those with the bound at the batch size.`,
  ]
  const table = lines.join('\n')
  console.log(table)
  appendFileSync(resultsFile, `${table}\n`)
}

export default {
  name: 'batch',
  async run() {
    await engineCost()
    ioBound()
  },
}
