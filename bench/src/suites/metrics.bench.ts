import { spawnSync } from 'node:child_process'
import { appendFileSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { setLogWriter } from '@tsumiki/core'
import { formatNs, isMeasuringChild, type Row, runSuite } from '../harness.js'
import { bare, type ContenderName, contenders, context, event, type Handler } from './metrics/contenders.js'

/*
 * @tsumiki/metrics against Powertools Metrics (@aws-lambda-powertools/metrics 2.35.0, on Middy and on its own) and
 * Middy's @middy/cloudwatch-metrics 5.4.7 (aws-embedded-metrics 4.2.1), on the same work: 5 metrics, 2 dimensions,
 * one EMF line written to stdout per invocation. Three figures: CPU per invocation (each contender in a process of
 * its own, stdout to /dev/null, the bare handler as baseline), bytes per line, and the cold import time of each
 * package (a fresh Node process per sample).
 */

const suiteName = 'metrics'
const here = dirname(fileURLToPath(import.meta.url))
const benchDir = join(here, '..', '..')
const resultsFile = join(benchDir, 'results', `${suiteName}.md`)
const importRuns = Number(process.env.METRICS_BENCH_IMPORT_RUNS ?? 21)
/** Targets from the issue. */
const maxCpuShareOfPowertools = 0.3
const maxImportMs = 2

/** A package's version, read from the package.json above its entry point (ESM-only ones included). */
function versionOf(name: string): string {
  let dir = dirname(fileURLToPath(import.meta.resolve(name)))
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

const order: readonly ContenderName[] = ['tsumiki', 'powertoolsMiddy', 'powertoolsManual', 'middyCloudwatch']
const handlers = new Map(order.map((name) => [name, contenders[name].make()] as const))
const invoke = (handler: Handler) => () => handler(event, context)

const rows: Row[] = [
  {
    label: '5 metrics, 2 dimensions, one EMF line per invocation',
    contenders: order.map((name) => ({
      name: contenders[name].label,
      fn: invoke(handlers.get(name) as Handler),
    })),
  },
]

/** What one warm invocation of a contender writes: its lines, as written. */
async function linesOf(name: ContenderName): Promise<string[]> {
  const handler = handlers.get(name) as Handler
  const written: string[] = []
  const restoreWriter = setLogWriter((line) => written.push(line))
  const stdoutWrite = process.stdout.write
  process.stdout.write = ((chunk: string | Uint8Array) => {
    written.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'))
    return true
  }) as typeof process.stdout.write
  try {
    await handler(event, context)
    written.length = 0
    await handler(event, context)
  } finally {
    process.stdout.write = stdoutWrite
    restoreWriter()
  }
  return written
    .join('')
    .split('\n')
    .filter((line) => line.trim() !== '')
}

/** Checks a contender's line holds the work (5 metrics, 2 dimensions) before any of it is timed. */
function checkLine(name: ContenderName, lines: readonly string[]): void {
  if (lines.length !== 1)
    throw new Error(`${name} wrote ${lines.length} lines per invocation: ${lines.join('\n')}`)
  const document = JSON.parse(lines[0] as string) as {
    _aws: { CloudWatchMetrics: { Dimensions: string[][]; Metrics: { Name: string }[] }[] }
  }
  const [directive] = document._aws.CloudWatchMetrics
  const metricCount = directive?.Metrics.length
  const dimensions = new Set(directive?.Dimensions.flat())
  if (metricCount !== 5 || !dimensions.has('service') || !dimensions.has('channel')) {
    throw new Error(`${name} did not write the 5 metrics and 2 dimensions: ${lines[0]}`)
  }
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] as number
}

interface ImportCase {
  readonly label: string
  /** Imported before the clock starts (what a function has loaded anyway). */
  readonly before?: string
  readonly specifier: string
}

const importCases: readonly ImportCase[] = [
  { label: '@tsumiki/metrics (with @tsumiki/core)', specifier: '@tsumiki/metrics' },
  {
    label: '@tsumiki/metrics, @tsumiki/core already loaded',
    before: '@tsumiki/core',
    specifier: '@tsumiki/metrics',
  },
  {
    label: `@aws-lambda-powertools/metrics ${versionOf('@aws-lambda-powertools/metrics')}`,
    specifier: '@aws-lambda-powertools/metrics',
  },
  {
    label: `@middy/cloudwatch-metrics ${versionOf('@middy/cloudwatch-metrics')} (aws-embedded-metrics ${versionOf('aws-embedded-metrics')})`,
    specifier: '@middy/cloudwatch-metrics',
  },
]

/** The median time, over fresh Node processes, from the start of the `import()` to its end. */
function importMs(importCase: ImportCase): number {
  const samples: number[] = []
  const script = [
    importCase.before === undefined ? '' : `await import(${JSON.stringify(importCase.before)});`,
    'const startedAt = performance.now();',
    `await import(${JSON.stringify(importCase.specifier)});`,
    'process.stdout.write(String(performance.now() - startedAt));',
  ].join('\n')
  for (let run = 0; run < importRuns; run++) {
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: benchDir,
      encoding: 'utf8',
      env: { ...process.env, AWS_LAMBDA_FUNCTION_NAME: 'orders-api', AWS_EMF_ENVIRONMENT: 'Lambda' },
    })
    if (child.status !== 0) throw new Error(`importing ${importCase.specifier} failed: ${child.stderr}`)
    samples.push(Number(child.stdout))
  }
  return median(samples)
}

const description = [
  `One whole invocation per call, \`await handler(event, context)\`, the same event and context for all: each contender`,
  'adds a `channel` dimension to its `service` one (2 dimensions) and 5 metrics (a count, a value, three timings), and',
  'writes one EMF line to stdout when the invocation ends. Each contender runs in a fresh Node process of its own',
  '(harness `isolate`) whose stdout is /dev/null, so the cost of writing the line is in every figure; the baseline is',
  'the handler body as a bare async handler. tsumiki: `lambda(raw()).use(metrics({ namespace, service }))`.',
  `Powertools Metrics ${versionOf('@aws-lambda-powertools/metrics')}: on \`@middy/core ${versionOf('@middy/core')}\` with`,
  '`logMetrics(metrics)` as its docs show, and alone with `publishStoredMetrics()` in a `finally` (its cheapest use).',
  `Middy: \`@middy/cloudwatch-metrics ${versionOf('@middy/cloudwatch-metrics')}\` on aws-embedded-metrics`,
  `${versionOf('aws-embedded-metrics')} (it pins 4.1.1; the workspace overrides it), Lambda environment (stdout).`,
].join('\n')

async function run(): Promise<void> {
  const samples = new Map<ContenderName, string[]>()
  if (!isMeasuringChild()) {
    for (const name of order) {
      const lines = await linesOf(name)
      checkLine(name, lines)
      samples.set(name, lines)
    }
  }
  const results = await runSuite(suiteName, description, rows, {
    isolate: true,
    baseline: { name: 'bare async handler', fn: invoke(bare()) },
    processes: Number(process.env.METRICS_BENCH_PROCESSES ?? 3),
  })
  const [row] = results
  const overheadOf = (name: ContenderName) =>
    row?.results.find((result) => result.name === contenders[name].label)?.overheadNs ?? Number.NaN
  const ours = overheadOf('tsumiki')
  const cheapestPowertools = Math.min(overheadOf('powertoolsMiddy'), overheadOf('powertoolsManual'))

  const imports = importCases.map((importCase) => ({ ...importCase, ms: importMs(importCase) }))
  const ourImportMs = imports[0]?.ms ?? Number.NaN

  const section = [
    '',
    '### Bytes per line',
    '',
    '| contender | bytes per line |',
    '|---|---:|',
    ...order.map(
      (name) => `| ${contenders[name].label} | ${Buffer.byteLength(samples.get(name)?.[0] ?? '', 'utf8')} |`,
    ),
    '',
    '### Cold import time',
    '',
    `Median of ${importRuns} fresh Node processes, from the start of \`await import(…)\` to its end (the package and what it imports).`,
    '',
    '| import | time |',
    '|---|---:|',
    ...imports.map((entry) => `| ${entry.label} | ${entry.ms.toFixed(2)} ms |`),
    '',
    '### Targets',
    '',
    `- CPU per invocation ≤ ${maxCpuShareOfPowertools}× Powertools' (overheads over the baseline, against its cheaper use): ${formatNs(ours)} against ${formatNs(cheapestPowertools)}, ${(ours / cheapestPowertools).toFixed(2)}×, **${ours / cheapestPowertools <= maxCpuShareOfPowertools ? 'met' : 'missed'}**.`,
    `- Cold import ≤ ${maxImportMs} ms: ${ourImportMs.toFixed(2)} ms, **${ourImportMs <= maxImportMs ? 'met' : 'missed'}**.`,
    '',
    '### One line of each',
    '',
    ...order.flatMap((name) => [
      `${contenders[name].label}:`,
      '',
      '```json',
      samples.get(name)?.[0] ?? '',
      '```',
      '',
    ]),
  ].join('\n')
  console.log(section)
  appendFileSync(resultsFile, `${section}\n`)
}

export default { name: suiteName, run }
