import { spawnSync } from 'node:child_process'
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ContenderName, WorkerResult } from './logger/worker.js'

/*
 * Lines per second and memory of @tsumiki/logger against pino 10 and Powertools Logger, each alone in a child
 * process whose stdout is /dev/null: the same message, three fields and the Lambda context keys on every line.
 */

const here = dirname(fileURLToPath(import.meta.url))
const benchDir = join(here, '..', '..')
const worker = join(here, 'logger', 'worker.ts')
const resultsFile = join(benchDir, 'results', 'logger.md')

const lines = Number(process.env.LOGGER_BENCH_LINES ?? 100_000)
const warmUpLines = 10_000
const runs = Number(process.env.LOGGER_BENCH_RUNS ?? 5)
/** Targets from the issue. */
const minRatioToPino = 1
const maxPeakRssBytes = 100 * 1024 * 1024

const require = createRequire(import.meta.url)

/** A package's version, read from the package.json above its entry point (not every package exports that file). */
function versionOf(name: string): string {
  let dir = dirname(require.resolve(name))
  while (dir !== dirname(dir)) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        name?: string
        version?: string
      }
      if (manifest.name === name && manifest.version !== undefined) return manifest.version
    } catch {}
    dir = dirname(dir)
  }
  return 'unknown version'
}

interface Row {
  readonly contender: ContenderName
  readonly label: string
}

function contenderRows(pinoVersion: string, powertoolsVersion: string): readonly Row[] {
  return [
    { contender: 'tsumiki', label: '@tsumiki/logger (sync write)' },
    {
      contender: 'tsumikiRedacting',
      label: '@tsumiki/logger, 3 secrets registered + 2 redact paths (sync write)',
    },
    { contender: 'pinoSync', label: `pino ${pinoVersion}, same line shape, sync destination` },
    { contender: 'pinoAsync', label: `pino ${pinoVersion}, same line shape, default async destination` },
    { contender: 'pinoDefaults', label: `pino ${pinoVersion}, all defaults (epoch time, numeric level)` },
    { contender: 'powertools', label: `Powertools Logger ${powertoolsVersion}` },
    { contender: 'consoleLog', label: 'console.log(JSON.stringify(…)), no library' },
  ]
}

function runWorker(contender: ContenderName, count: number, warmUp: number): WorkerResult {
  const dir = mkdtempSync(join(tmpdir(), 'tsumiki-logger-bench-'))
  const resultFile = join(dir, 'result.json')
  const devNull = openSync('/dev/null', 'w')
  try {
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', worker, contender, String(count), String(warmUp), resultFile],
      { cwd: benchDir, stdio: ['ignore', devNull, 'pipe'], encoding: 'utf8' },
    )
    if (child.status !== 0) throw new Error(`logger bench ${contender} failed: ${child.stderr}`)
    return JSON.parse(readFileSync(resultFile, 'utf8')) as WorkerResult
  } finally {
    closeSync(devNull)
    rmSync(dir, { recursive: true, force: true })
  }
}

/** One line of each contender, through a pipe: what is being compared, shown in the results. */
function sampleLine(contender: ContenderName): string {
  const child = spawnSync(process.execPath, ['--import', 'tsx', worker, contender, '1', '0', '-'], {
    cwd: benchDir,
    encoding: 'utf8',
  })
  if (child.status !== 0) throw new Error(`logger bench ${contender} sample failed: ${child.stderr}`)
  const line = child.stdout.trim()
  JSON.parse(line)
  return line
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] as number
}
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`
const perSecond = (value: number) => Math.round(value).toLocaleString('en')

interface Measured {
  readonly row: Row
  readonly linesPerSecond: number
  readonly maxRssBytes: number
  readonly rssGrowthBytes: number
}

function measureAll(rows: readonly Row[]): { measured: Measured[]; idleRssBytes: number } {
  const samples = new Map<ContenderName, WorkerResult[]>()
  const idle: WorkerResult[] = []
  // Rounds rather than one contender after another, so a noisy moment on the host spreads over all of them.
  for (let round = 0; round < runs; round++) {
    idle.push(runWorker('idle', lines, warmUpLines))
    for (const row of rows) {
      const result = runWorker(row.contender, lines, warmUpLines)
      samples.set(row.contender, [...(samples.get(row.contender) ?? []), result])
    }
  }
  const measured = rows.map((row) => {
    const results = samples.get(row.contender) ?? []
    const linesPerSecond = median(results.map((result) => (result.lines / result.elapsedMs) * 1000))
    const maxRssBytes = median(results.map((result) => result.maxRssBytes))
    const rssGrowthBytes = median(
      results.map((result) => Math.max(0, result.maxRssBytes - result.rssBeforeBytes)),
    )
    console.log(`  logger · ${row.label}: ${perSecond(linesPerSecond)} lines/s, peak RSS ${mb(maxRssBytes)}`)
    return { row, linesPerSecond, maxRssBytes, rssGrowthBytes }
  })
  return { measured, idleRssBytes: median(idle.map((result) => result.maxRssBytes)) }
}

function render(
  rows: readonly Row[],
  measured: readonly Measured[],
  idleRssBytes: number,
  samples: Map<ContenderName, string>,
): string {
  const byName = new Map(measured.map((entry) => [entry.row.contender, entry]))
  const ours = byName.get('tsumiki') as Measured
  const pinoSync = byName.get('pinoSync') as Measured
  const pinoDefaults = byName.get('pinoDefaults') as Measured
  const ratio = (entry: Measured) => `${(ours.linesPerSecond / entry.linesPerSecond).toFixed(2)}×`
  const worstPino = Math.min(
    ours.linesPerSecond / pinoSync.linesPerSecond,
    ours.linesPerSecond / pinoDefaults.linesPerSecond,
  )
  const lines_ = [
    '## logger',
    '',
    `${lines.toLocaleString('en')} lines of one message, three fields (a string, a changing number, a constant) and the Lambda context keys (service, function name and version, request id, cold start, X-Ray trace id, correlation id), each contender alone in a child process (\`node --import tsx\`) whose stdout is /dev/null, after ${warmUpLines.toLocaleString('en')} warm-up lines. Lines per second are timed until every line has reached the file descriptor (pino's asynchronous destination is flushed); median of ${runs} rounds. Peak RSS is the child's high-water mark (\`process.resourceUsage().maxRSS\`), tsx loader included: an idle child that loads no logger peaks at ${mb(idleRssBytes)}. RSS growth is the peak minus the RSS just before the measured lines.`,
    '',
    `Node ${process.version}, ${new Date().toISOString().slice(0, 10)}.`,
    '',
    '| contender | lines/s | ratio (tsumiki ÷ contender) | peak RSS | RSS growth |',
    '|---|---:|---:|---:|---:|',
    ...measured.map(
      (entry) =>
        `| ${entry.row.label} | ${perSecond(entry.linesPerSecond)} | ${entry.row.contender === 'tsumiki' ? '1.00 (tsumiki)' : ratio(entry)} | ${mb(entry.maxRssBytes)} | ${mb(entry.rssGrowthBytes)} |`,
    ),
    '',
    "Above 1, tsumiki writes more lines per second. The redacting row checks every string against the registered secrets and every key against the paths (its fields hold none of them: this is the cost of looking); every tsumiki row also applies the default credential paths (`**.authorization`, `**.password`…). Only tsumiki, pino with a sync destination, Powertools and `console.log` have written every line when the call returns; pino's default destination keeps lines in memory and writes them later, which a frozen Lambda process may never do.",
    '',
    '### Targets',
    '',
    `- Lines per second ≥ pino (ratio ≥ ${minRatioToPino.toFixed(2)}): ${worstPino.toFixed(2)}× against the fastest pino setup (sync destination or all defaults), **${worstPino >= minRatioToPino ? 'met' : 'missed'}**.`,
    `- Peak RSS for ${lines.toLocaleString('en')} lines < ${mb(maxPeakRssBytes)}: ${mb(ours.maxRssBytes)}, **${ours.maxRssBytes < maxPeakRssBytes ? 'met' : 'missed'}**.`,
    '',
    '### One line of each',
    '',
    ...rows.flatMap((row) => [`${row.label}:`, '', '```json', samples.get(row.contender) ?? '', '```', '']),
  ]
  return lines_.join('\n')
}

export default {
  name: 'logger',
  async run() {
    const rows = contenderRows(versionOf('pino'), versionOf('@aws-lambda-powertools/logger'))
    const samples = new Map(rows.map((row) => [row.contender, sampleLine(row.contender)] as const))
    const { measured, idleRssBytes } = measureAll(rows)
    const table = render(rows, measured, idleRssBytes, samples)
    console.log(`\n${table}`)
    mkdirSync(dirname(resultsFile), { recursive: true })
    writeFileSync(resultsFile, `${table}\n`)
  },
}
