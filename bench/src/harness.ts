import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Bench } from 'tinybench'

/** One implementation of a row's job: tsumiki's or an anchor's (Middy, Powertools, pino...). */
export interface Contender {
  readonly name: string
  readonly fn: () => unknown
}

/** One comparison: the same job done by tsumiki (first contender) and by each anchor, measured side by side. */
export interface Row {
  readonly label: string
  readonly contenders: readonly Contender[]
}

export interface SuiteOptions {
  /** Measuring time per contender. */
  readonly timeMs?: number
  /**
   * The cost of doing the job with no framework (e.g. a bare handler). When given, each contender's overhead
   * (its time minus the baseline's) is reported too, and the ratio is taken on overheads.
   */
  readonly baseline?: Contender
  /**
   * Measures every contender, and the baseline, in a fresh Node process of its own (the same entry script and
   * flags, asked for that one contender), instead of one after another in this process. For sub-microsecond jobs
   * this matters: in a shared process a contender runs with the JIT feedback (call sites gone polymorphic,
   * deoptimised code) and the garbage the contenders before it left, so its time depends on the row order and
   * on the other rows, and not in the same way for every library. A deployed handler has its process to itself.
   * Suites that opt in must build the same rows, in the same order, every time their module runs.
   */
  readonly isolate?: boolean
  /**
   * With `isolate`: how many processes measure each contender, in rounds over all of them (so a burst of load on
   * the machine does not land on one contender only); the median of their means is reported. Default 3: one
   * process's JIT decisions alone can move a sub-microsecond result by a quarter.
   */
  readonly processes?: number
}

export interface ContenderResult {
  readonly name: string
  readonly meanNs: number
  readonly overheadNs: number | undefined
  readonly rmePercent: number
}

export interface RowResult {
  readonly label: string
  readonly results: readonly ContenderResult[]
}

const resultsDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'results')

/** Set in a child process started by an isolated suite: which contender to measure and where to write it. */
const childJobVariable = 'TSUMIKI_BENCH_CHILD_JOB'

interface ChildJob {
  readonly suite: string
  /** -1 for the baseline. */
  readonly row: number
  readonly contender: number
  readonly timeMs: number
  readonly resultFile: string
}

interface Measurement {
  readonly meanNs: number
  readonly rmePercent: number
}

function childJob(): ChildJob | undefined {
  const job = process.env[childJobVariable]
  return job === undefined ? undefined : (JSON.parse(job) as ChildJob)
}

/**
 * True in a process started to measure one contender of an isolated suite. A suite checks its contenders'
 * answers before timing them only when this is false: even one call leaves JIT feedback behind.
 */
export function isMeasuringChild(): boolean {
  return childJob() !== undefined
}

async function measure(contender: Contender, timeMs: number): Promise<Measurement> {
  const bench = new Bench({ time: timeMs, warmup: true, warmupTime: Math.min(200, timeMs) })
  bench.add(contender.name, contender.fn)
  await bench.run()
  const task = bench.tasks[0]
  const result = task?.result
  if (result === undefined || !('latency' in result)) {
    throw new Error(`benchmark ${contender.name} did not complete: ${JSON.stringify(result)}`)
  }
  return { meanNs: result.latency.mean * 1e6, rmePercent: result.latency.rme }
}

/** Runs this process's entry script again, with its flags, for one contender of `suite`, and reads the result. */
async function measureInChild(
  suite: string,
  row: number,
  contender: number,
  timeMs: number,
): Promise<Measurement> {
  const entry = process.argv[1]
  if (entry === undefined) throw new Error('cannot isolate contenders: no entry script in process.argv')
  const dir = mkdtempSync(join(tmpdir(), 'tsumiki-bench-'))
  const resultFile = join(dir, 'result.json')
  try {
    const job: ChildJob = { suite, row, contender, timeMs, resultFile }
    const child = spawn(process.execPath, [...process.execArgv, entry, suite], {
      env: { ...process.env, [childJobVariable]: JSON.stringify(job) },
      stdio: ['ignore', 'ignore', 'inherit'],
    })
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject)
      child.once('exit', resolve)
    })
    if (code !== 0)
      throw new Error(`measuring ${suite} row ${row} contender ${contender}: child exited with ${code}`)
    return JSON.parse(readFileSync(resultFile, 'utf8')) as Measurement
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** In a child process: measures the one contender asked for, writes the result and ends the process. */
async function measureChildJob(
  job: ChildJob,
  rows: readonly Row[],
  baseline: Contender | undefined,
): Promise<never> {
  const contender = job.row < 0 ? baseline : rows[job.row]?.contenders[job.contender]
  if (contender === undefined)
    throw new Error(`${job.suite}: no contender ${job.contender} in row ${job.row}`)
  writeFileSync(job.resultFile, JSON.stringify(await measure(contender, job.timeMs)))
  process.exit(0)
}

/**
 * Measures every contender of an isolated suite, the baseline first, in `processes` rounds of one process per
 * contender; returns each contender's median measurement by row (-1: the baseline) and index.
 */
async function measureIsolated(
  suite: string,
  rows: readonly Row[],
  hasBaseline: boolean,
  timeMs: number,
  processes: number,
): Promise<(row: number, index: number) => Measurement> {
  const targets = [
    ...(hasBaseline ? [{ row: -1, index: 0 }] : []),
    ...rows.flatMap((row, rowIndex) => row.contenders.map((_, index) => ({ row: rowIndex, index }))),
  ]
  const samples = new Map<string, Measurement[]>()
  for (let round = 1; round <= processes; round++) {
    for (const { row, index } of targets) {
      const measurement = await measureInChild(suite, row, index, timeMs)
      const key = `${row}:${index}`
      samples.set(key, [...(samples.get(key) ?? []), measurement])
    }
    console.log(`  ${suite} · round ${round}/${processes}: ${targets.length} contenders, one process each`)
  }
  return (row, index) => {
    const sorted = [...(samples.get(`${row}:${index}`) ?? [])].sort((a, b) => a.meanNs - b.meanNs)
    const median = sorted[Math.floor((sorted.length - 1) / 2)]
    if (median === undefined) throw new Error(`${suite}: row ${row} contender ${index} was not measured`)
    return median
  }
}

/**
 * Runs each row's contenders one after another (in this process, or each in processes of its own with
 * `isolate`), prints a table with ratios against tsumiki (anchor ÷ tsumiki: above 1 means tsumiki is faster),
 * and writes it to bench/results/<suite>.md.
 */
export async function runSuite(
  suite: string,
  description: string,
  rows: readonly Row[],
  options: SuiteOptions = {},
): Promise<RowResult[]> {
  const job = childJob()
  if (job !== undefined && job.suite === suite) return measureChildJob(job, rows, options.baseline)
  const timeMs = options.timeMs ?? Number(process.env.BENCH_TIME_MS ?? 1000)
  const isolated = options.isolate
    ? await measureIsolated(
        suite,
        rows,
        options.baseline !== undefined,
        timeMs,
        Math.max(1, options.processes ?? 3),
      )
    : undefined
  const measureOne = async (contender: Contender, row: number, index: number) =>
    isolated === undefined ? measure(contender, timeMs) : isolated(row, index)
  const baselineNs = options.baseline ? (await measureOne(options.baseline, -1, 0)).meanNs : undefined
  const rowResults: RowResult[] = []
  for (const [rowIndex, row] of rows.entries()) {
    const results: ContenderResult[] = []
    for (const [index, contender] of row.contenders.entries()) {
      const { meanNs, rmePercent } = await measureOne(contender, rowIndex, index)
      results.push({
        name: contender.name,
        meanNs,
        rmePercent,
        overheadNs: baselineNs === undefined ? undefined : Math.max(0, meanNs - baselineNs),
      })
    }
    rowResults.push({ label: row.label, results })
    console.log(
      `  ${suite} · ${row.label}: ${results.map((r) => `${r.name} ${formatNs(r.meanNs)}`).join(' | ')}`,
    )
  }
  const table = renderTable(suite, description, rowResults, baselineNs, options.baseline?.name)
  console.log(`\n${table}`)
  mkdirSync(resultsDir, { recursive: true })
  writeFileSync(join(resultsDir, `${suite}.md`), `${table}\n`)
  return rowResults
}

function renderTable(
  suite: string,
  description: string,
  rows: readonly RowResult[],
  baselineNs: number | undefined,
  baselineName: string | undefined,
): string {
  const lines = [
    `## ${suite}`,
    '',
    description,
    '',
    `Node ${process.version}, ${new Date().toISOString().slice(0, 10)}.` +
      (baselineNs === undefined ? '' : ` Baseline (${baselineName}): ${formatNs(baselineNs)} per call.`),
    '',
  ]
  const useOverhead = baselineNs !== undefined
  lines.push(
    useOverhead
      ? '| case | contender | time/op | overhead/op | ratio (anchor ÷ tsumiki overhead) |'
      : '| case | contender | time/op | ratio (anchor ÷ tsumiki) |',
  )
  lines.push(useOverhead ? '|---|---|---:|---:|---:|' : '|---|---|---:|---:|')
  for (const row of rows) {
    const [ours, ...anchors] = row.results
    if (ours === undefined) continue
    const ourCost = useOverhead ? (ours.overheadNs ?? ours.meanNs) : ours.meanNs
    lines.push(renderLine(row.label, ours, '1.00 (tsumiki)', useOverhead))
    for (const anchor of anchors) {
      const anchorCost = useOverhead ? (anchor.overheadNs ?? anchor.meanNs) : anchor.meanNs
      const ratio = ourCost > 0 ? `${(anchorCost / ourCost).toFixed(2)}×` : 'n/a'
      lines.push(renderLine('', anchor, ratio, useOverhead))
    }
  }
  return lines.join('\n')
}

function renderLine(label: string, result: ContenderResult, ratio: string, useOverhead: boolean): string {
  const time = `${formatNs(result.meanNs)} ±${result.rmePercent.toFixed(1)}%`
  return useOverhead
    ? `| ${label} | ${result.name} | ${time} | ${formatNs(result.overheadNs ?? 0)} | ${ratio} |`
    : `| ${label} | ${result.name} | ${time} | ${ratio} |`
}

export function formatNs(ns: number): string {
  if (ns >= 1e6) return `${(ns / 1e6).toFixed(2)} ms`
  if (ns >= 1e3) return `${(ns / 1e3).toFixed(2)} µs`
  return `${ns.toFixed(0)} ns`
}
