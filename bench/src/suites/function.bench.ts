import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { bundle, bytesFrom, isSdk, isTsumiki, isZod, sourceDir } from './function/bundle.js'
import { type WarmCase, warmCases } from './function/cases.js'
import { type ColdSample, coldSample, type RequestCounts } from './function/cold-start.js'
import {
  type ContenderName,
  contenderNames,
  type Environment,
  type FunctionName,
  functionNames,
  startEnvironment,
} from './function/environment.js'
import { sdkImportStyle } from './function/sdk-import-style.js'
import { type Chart, renderChart } from './function/svg-chart.js'
import type { WarmJob, WarmResult } from './function/warm-child.js'

/**
 * The whole function, three ways: the same HTTP function (router, logger, parameters, validation, idempotency)
 * and the same SQS batch function written with tsumiki, with Middy and its middlewares, and with Middy +
 * Powertools, plus a bare handler making the same AWS calls by hand. All run their esbuild bundles against one
 * local DynamoDB and one local SSM / Secrets Manager endpoint. Writes bench/results/function.md and its SVG charts.
 *
 * BENCH_FUNCTION_PROCESSES (default 5) processes per contender and case for the warm rows,
 * BENCH_FUNCTION_COLD (default 15) cold starts per contender and function.
 */

const suiteName = 'function'
const resultsDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'results')
const benchDir = join(resultsDir, '..')
const repoDir = join(benchDir, '..')
const warmChild = join(sourceDir, 'warm-child.ts')

const displayName: Record<ContenderName, string> = {
  bare: 'bare',
  tsumiki: 'tsumiki',
  middy: 'Middy',
  powertools: 'Middy + Powertools',
}
const anchors = ['middy', 'powertools'] as const

const warmProcesses = Number(process.env.BENCH_FUNCTION_PROCESSES ?? 5)
const coldSamples = Number(process.env.BENCH_FUNCTION_COLD ?? 15)
const callsOf = (warmCase: WarmCase) =>
  warmCase.startsWith('sqs') ? { warmupCalls: 15, calls: 40 } : { warmupCalls: 60, calls: 200 }

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? Number.NaN)
    : ((sorted[middle - 1] ?? Number.NaN) + (sorted[middle] ?? Number.NaN)) / 2
}
const percentile = (values: readonly number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN
}
const µs = (ns: number) => `${(ns / 1000).toFixed(0)} µs`
const ms = (value: number) => `${value.toFixed(0)} ms`
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`
const ratio = (value: number) => (Number.isFinite(value) ? `${value.toFixed(2)}×` : 'n/a')

/** Every row where tsumiki does worse than an anchor, in words, collected while the tables are drawn. */
const losses: string[] = []

// --- 1. Warm overhead ---

async function measureWarm(
  environment: Environment,
  bundleDir: string,
  contender: ContenderName,
  warmCase: WarmCase,
): Promise<WarmResult> {
  const fn = warmCase.startsWith('sqs') ? 'sqs' : 'http'
  const resultFile = join(bundleDir, `warm-${contender}.json`)
  const job: WarmJob = {
    bundleFile: join(bundleDir, `${fn}-${contender}.mjs`),
    warmCase,
    resultFile,
    ...callsOf(warmCase),
  }
  const child = spawn(process.execPath, [...process.execArgv, warmChild], {
    env: {
      ...process.env,
      ...environment.envFor(contender),
      AWS_LAMBDA_FUNCTION_NAME: `${fn}-${contender}`,
      NODE_NO_WARNINGS: '1',
      TSUMIKI_FUNCTION_WARM_JOB: JSON.stringify(job),
    },
    // Log lines go nowhere (the same cost for every contender); errors are kept for the message.
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4000)
  })
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject)
    child.once('exit', resolve)
  })
  if (code !== 0) throw new Error(`${suiteName}: ${contender} · ${warmCase} exited with ${code}\n${stderr}`)
  const result = JSON.parse(readFileSync(resultFile, 'utf8')) as WarmResult
  const expected =
    warmCase === 'sqs batch of 10' ? ['failures: 6'] : warmCase === 'http invalid body' ? [] : ['status 201']
  for (const answer of [result.firstAnswer, result.lastAnswer]) {
    const fine = expected.length > 0 ? expected.includes(answer) : /^status 4\d\d$/.test(answer)
    if (!fine) throw new Error(`${suiteName}: ${contender} · ${warmCase} answered ${answer}`)
  }
  return result
}

interface WarmFigures {
  readonly cpuNs: number
  readonly wallNs: number
  /** The lowest and highest CPU per invocation among the processes: how far the machine moved the figure. */
  readonly cpuSpreadNs: readonly [number, number]
  readonly answer: string
}

type WarmTable = Map<WarmCase, Map<ContenderName, WarmFigures>>

async function warmRows(environment: Environment, bundleDir: string): Promise<WarmTable> {
  const samples = new Map<string, WarmResult[]>()
  for (let round = 1; round <= warmProcesses; round++) {
    for (const warmCase of warmCases) {
      for (const contender of contenderNames) {
        const key = `${warmCase}:${contender}`
        samples.set(key, [
          ...(samples.get(key) ?? []),
          await measureWarm(environment, bundleDir, contender, warmCase),
        ])
      }
    }
    console.log(`  ${suiteName} · warm round ${round}/${warmProcesses}: one process per contender and case`)
  }
  const table: WarmTable = new Map()
  for (const warmCase of warmCases) {
    const row = new Map<ContenderName, WarmFigures>()
    for (const contender of contenderNames) {
      const results = samples.get(`${warmCase}:${contender}`) ?? []
      row.set(contender, {
        cpuNs: median(results.map((result) => result.cpuNsPerCall)),
        wallNs: median(results.map((result) => result.wallNsPerCall)),
        cpuSpreadNs: [
          Math.min(...results.map((result) => result.cpuNsPerCall)),
          Math.max(...results.map((result) => result.cpuNsPerCall)),
        ],
        answer: results[0]?.lastAnswer ?? '',
      })
    }
    table.set(warmCase, row)
  }
  return table
}

function renderWarm(table: WarmTable): { markdown: string; chart: Chart } {
  const lines = [
    '| case | contender | answer | CPU / invocation | CPU, min–max of the processes | overhead (CPU − bare) | wall / invocation | ÷ bare (CPU) | tsumiki overhead ÷ this overhead |',
    '|---|---|---|---:|---:|---:|---:|---:|---:|',
  ]
  const groups: Chart['groups'][number][] = []
  for (const [warmCase, row] of table) {
    const bare = row.get('bare')
    const tsumiki = row.get('tsumiki')
    if (bare === undefined || tsumiki === undefined) continue
    const overheadOf = (contender: ContenderName) =>
      Math.max(0, (row.get(contender)?.cpuNs ?? 0) - bare.cpuNs)
    const ourOverhead = overheadOf('tsumiki')
    for (const contender of contenderNames) {
      const result = row.get(contender)
      if (result === undefined) continue
      const overhead = contender === 'bare' ? 0 : overheadOf(contender)
      const versus = anchors.includes(contender as (typeof anchors)[number])
        ? overhead > 0
          ? ratio(ourOverhead / overhead)
          : 'n/a: at or below bare (noise)'
        : contender === 'tsumiki'
          ? '1.00× (tsumiki)'
          : '—'
      lines.push(
        `| ${contender === 'bare' ? warmCase : ''} | ${displayName[contender]} | ${result.answer} | ${µs(result.cpuNs)} | ${(result.cpuSpreadNs[0] / 1000).toFixed(0)}–${µs(result.cpuSpreadNs[1])} | ${contender === 'bare' ? '—' : overhead > 0 ? µs(overhead) : '0 (at or below bare: noise)'} | ${µs(result.wallNs)} | ${ratio(result.cpuNs / bare.cpuNs)} | ${versus} |`,
      )
    }
    for (const anchor of anchors) {
      if (ourOverhead > overheadOf(anchor))
        losses.push(
          `warm · ${warmCase}: tsumiki's overhead ${µs(ourOverhead)} against ${displayName[anchor]}'s ${µs(overheadOf(anchor))} (CPU per invocation above the bare handler)`,
        )
    }
    groups.push({
      label: warmCase,
      bars: (['tsumiki', ...anchors] as const).map((contender) => ({
        name: displayName[contender],
        value: overheadOf(contender) / 1000,
        label: `${(overheadOf(contender) / 1000).toFixed(0)} µs`,
      })),
    })
  }
  return {
    markdown: lines.join('\n'),
    chart: {
      title: 'Warm overhead per invocation: CPU time above the bare handler (µs, lower is better)',
      unit: 'µs',
      groups,
    },
  }
}

// --- 2. Bundle sizes ---

interface SizeRow {
  readonly fn: FunctionName
  readonly contender: ContenderName
  readonly external: { min: number; gz: number; zod: number }
  readonly bundled: { min: number; gz: number; sdk: number }
}

async function sizeRows(): Promise<SizeRow[]> {
  const rows: SizeRow[] = []
  for (const fn of functionNames) {
    for (const contender of contenderNames) {
      const external = await bundle(fn, contender, { sdk: 'external' })
      const bundled = await bundle(fn, contender, { sdk: 'bundled' })
      rows.push({
        fn,
        contender,
        external: {
          min: external.minifiedBytes,
          gz: external.gzippedBytes,
          zod: bytesFrom(external.metafile, isZod),
        },
        bundled: {
          min: bundled.minifiedBytes,
          gz: bundled.gzippedBytes,
          sdk: bytesFrom(bundled.metafile, isSdk),
        },
      })
    }
  }
  return rows
}

/** tsumiki's own bytes in each tsumiki function, zod and the SDK left out, by package. */
async function tsumikiOwnCode(): Promise<string> {
  const lines = [
    '| function | whole bundle (zod, SDK external) | from @tsumiki/* | by package |',
    '|---|---:|---:|---|',
  ]
  for (const fn of functionNames) {
    const result = await bundle(fn, 'tsumiki', { sdk: 'external', zodExternal: true })
    const byPackage = new Map<string, number>()
    for (const output of Object.values(result.metafile.outputs)) {
      for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
        if (!isTsumiki(input)) continue
        const name = /packages\/([^/]+)\//.exec(input)?.[1] ?? /@tsumiki\/([^/]+)/.exec(input)?.[1] ?? '?'
        byPackage.set(name, (byPackage.get(name) ?? 0) + bytesInOutput)
      }
    }
    const own = bytesFrom(result.metafile, isTsumiki)
    const parts = [...byPackage]
      .sort((a, b) => b[1] - a[1])
      .map(([name, bytes]) => `${name} ${kb(bytes)}`)
      .join(', ')
    lines.push(`| ${fn} | ${kb(result.minifiedBytes)} | **${kb(own)}** | ${parts} |`)
  }
  return lines.join('\n')
}

/** What the import style of zod changes: the same two schemas, parsed once, bundled alone. */
async function zodImportStyles(): Promise<string> {
  const classic = (head: string) => `${head}
export const OrderInput = z.object({ sku: z.string().min(1), qty: z.number().int().positive() })
export const check = (value) => OrderInput.safeParse(value).success`
  const styles = [
    ["`import { z } from 'zod'` (as the functions here)", classic("import { z } from 'zod'")],
    ["`import * as z from 'zod'`", classic("import * as z from 'zod'")],
    [
      "`import * as z from 'zod/mini'` (functional checks)",
      `import * as z from 'zod/mini'
export const OrderInput = z.object({ sku: z.string().check(z.minLength(1)), qty: z.number().check(z.int(), z.positive()) })
export const check = (value) => z.safeParse(OrderInput, value).success`,
    ],
  ] as const
  const lines = ['| import | minified | gzipped |', '|---|---:|---:|']
  for (const [label, contents] of styles) {
    const result = await build({
      stdin: { contents, resolveDir: sourceDir, loader: 'js' },
      bundle: true,
      minify: true,
      platform: 'node',
      format: 'esm',
      write: false,
      logLevel: 'silent',
    })
    const bytes = result.outputFiles[0]?.contents ?? new Uint8Array()
    const { gzipSync } = await import('node:zlib')
    lines.push(`| ${label} | ${kb(bytes.byteLength)} | ${kb(gzipSync(bytes, { level: 9 }).byteLength)} |`)
  }
  return lines.join('\n')
}

function renderSizes(rows: readonly SizeRow[]): { markdown: string; chart: Chart } {
  const lines = [
    '| function | contender | SDK external: minified | gzipped | of which zod | SDK bundled: minified | gzipped | of which SDK |',
    '|---|---|---:|---:|---:|---:|---:|---:|',
  ]
  for (const row of rows) {
    lines.push(
      `| ${row.contender === 'bare' ? row.fn : ''} | ${displayName[row.contender]} | ${kb(row.external.min)} | ${kb(row.external.gz)} | ${kb(row.external.zod)} | ${kb(row.bundled.min)} | ${kb(row.bundled.gz)} | ${kb(row.bundled.sdk)} |`,
    )
  }
  for (const fn of functionNames) {
    const find = (contender: ContenderName) =>
      rows.find((row) => row.fn === fn && row.contender === contender)
    const ours = find('tsumiki')
    for (const anchor of anchors) {
      const theirs = find(anchor)
      if (ours === undefined || theirs === undefined) continue
      const ourOwn = ours.external.min - ours.external.zod
      const theirOwn = theirs.external.min - theirs.external.zod
      if (ourOwn > theirOwn)
        losses.push(
          `size · ${fn}, SDK external, without zod: tsumiki ${kb(ourOwn)} against ${displayName[anchor]}'s ${kb(theirOwn)}`,
        )
      if (ours.bundled.min > theirs.bundled.min)
        losses.push(
          `size · ${fn}, SDK bundled: tsumiki ${kb(ours.bundled.min)} against ${displayName[anchor]}'s ${kb(theirs.bundled.min)} (SDK part: ${kb(ours.bundled.sdk)} against ${kb(theirs.bundled.sdk)})`,
        )
    }
  }
  return {
    markdown: lines.join('\n'),
    chart: {
      title: 'Bundle size, minified, SDK external, zod excluded (KB, lower is better)',
      unit: 'KB',
      groups: functionNames.map((fn) => ({
        label: `${fn} function`,
        bars: rows
          .filter((row) => row.fn === fn)
          .map((row) => ({
            name: displayName[row.contender],
            value: (row.external.min - row.external.zod) / 1024,
            label: kb(row.external.min - row.external.zod),
          })),
      })),
    },
  }
}

// --- 3. Cold starts and 4. requests ---

type ColdTable = Map<string, { samples: ColdSample[]; counts: RequestCounts | undefined; mode: string }>

async function coldRows(environment: Environment, bundleDir: string): Promise<ColdTable> {
  const table: ColdTable = new Map()
  for (let round = 1; round <= coldSamples; round++) {
    for (const fn of functionNames) {
      for (const contender of contenderNames) {
        const key = `${fn}:${contender}`
        const { sample, mode, counts } = await coldSample(
          environment,
          fn,
          contender,
          bundleDir,
          round === 1,
          undefined,
        )
        const entry = table.get(key) ?? { samples: [], counts: undefined, mode }
        entry.samples.push(sample)
        table.set(key, { ...entry, counts: entry.counts ?? counts, mode })
      }
    }
    console.log(
      `  ${suiteName} · cold round ${round}/${coldSamples}: a fresh runtime per contender and function`,
    )
  }
  return table
}

function renderCold(table: ColdTable): { markdown: string; chart: Chart; requests: string; modes: string } {
  const lines = [
    '| function | contender | init median | init p90 | first invocation median | p90 | init ÷ Middy + Powertools | init − bare |',
    '|---|---|---:|---:|---:|---:|---:|---:|',
  ]
  const requests = [
    '| function | contender | cold (init + first) | warm | duplicate |',
    '|---|---|---|---|---|',
  ]
  const groups: Chart['groups'][number][] = []
  for (const fn of functionNames) {
    const initOf = (contender: ContenderName) =>
      median((table.get(`${fn}:${contender}`)?.samples ?? []).map((sample) => sample.initMs))
    const bars: Chart['groups'][number]['bars'][number][] = []
    for (const contender of contenderNames) {
      const entry = table.get(`${fn}:${contender}`)
      if (entry === undefined) continue
      const inits = entry.samples.map((sample) => sample.initMs)
      const firsts = entry.samples.map((sample) => sample.firstInvocationMs)
      lines.push(
        `| ${contender === 'bare' ? fn : ''} | ${displayName[contender]} | ${ms(median(inits))} | ${ms(percentile(inits, 90))} | ${ms(median(firsts))} | ${ms(percentile(firsts, 90))} | ${ratio(median(inits) / initOf('powertools'))} | ${contender === 'bare' ? '—' : ms(median(inits) - initOf('bare'))} |`,
      )
      requests.push(
        `| ${contender === 'bare' ? fn : ''} | ${displayName[contender]} | ${entry.counts?.cold ?? '—'} | ${entry.counts?.warm ?? '—'} | ${entry.counts?.duplicate ?? '—'} |`,
      )
      bars.push({ name: displayName[contender], value: median(inits), label: ms(median(inits)) })
    }
    groups.push({ label: `${fn} function`, bars })
    const firstOf = (contender: ContenderName) =>
      median((table.get(`${fn}:${contender}`)?.samples ?? []).map((sample) => sample.firstInvocationMs))
    for (const anchor of anchors) {
      if (initOf('tsumiki') > initOf(anchor))
        losses.push(
          `cold · ${fn} init: tsumiki ${ms(initOf('tsumiki'))} against ${displayName[anchor]}'s ${ms(initOf(anchor))} (median)`,
        )
      if (initOf('tsumiki') + firstOf('tsumiki') > initOf(anchor) + firstOf(anchor))
        losses.push(
          `cold · ${fn} init + first invocation: tsumiki ${ms(initOf('tsumiki') + firstOf('tsumiki'))} against ${displayName[anchor]}'s ${ms(initOf(anchor) + firstOf(anchor))} (medians)`,
        )
    }
  }
  return {
    markdown: lines.join('\n'),
    modes: [...new Set([...table.values()].map((entry) => entry.mode))].join(', '),
    requests: requests.join('\n'),
    chart: { title: 'Cold start: init duration, median (ms, lower is better)', unit: 'ms', groups },
  }
}

// --- Machine and versions ---

function versionOf(packageDir: string): string {
  const file = join(packageDir, 'package.json')
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version : '?'
}

function versions(): string {
  const manifest = JSON.parse(readFileSync(join(benchDir, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>
    devDependencies: Record<string, string>
  }
  const names = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies }).sort()
  return names
    .map((name) => {
      const dir = name.startsWith('@tsumiki/')
        ? join(repoDir, 'packages', name.slice('@tsumiki/'.length))
        : join(benchDir, 'node_modules', name)
      return `${name} ${versionOf(dir)}`
    })
    .join(', ')
}

function machine(loadBefore: number[]): string {
  const cpu = cpus()
  const load = (values: number[]) => values.map((value) => value.toFixed(2)).join(' / ')
  return `${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, Node ${process.version} (${process.platform} ${process.arch}); load average (1 / 5 / 15 min) ${load(loadBefore)} at the start, ${load(loadavg())} at the end`
}

interface ReportParts {
  readonly started: Date
  readonly loadBefore: number[]
  readonly warm: string
  readonly sizes: string
  readonly own: string
  readonly zod: string
  readonly cold: string
  readonly requests: string
  readonly modes: string
  readonly sdkStyle: string
}

function renderReport(parts: ReportParts): string {
  return `${[
    '## function',
    '',
    'The same two functions written three ways, plus a bare handler that makes the same AWS calls by hand, all run',
    'as esbuild bundles (ESM, minified, SDK bundled) against one local DynamoDB (dynalite from `startLocalDynamo()`,',
    'behind a proxy in the bench that counts requests by operation) and one local SSM / Secrets Manager endpoint',
    '(`startLocalAws()`), reached through `AWS_ENDPOINT_URL_*`: every function makes its SDK clients as in production.',
    '`pnpm bench function` rewrites this file and the charts; the code is in `bench/src/suites/function/`.',
    '',
    '- **HTTP function** (API Gateway HTTP API v2): `POST /orders` and `GET /orders/{id}`, a structured logger, the',
    '  orders table name from SSM and an API key from Secrets Manager (checked against `x-api-key`), the zod body',
    '  schema, and idempotency on the `Idempotency-Key` header in DynamoDB (one table per contender). Validation runs',
    '  before idempotency in all four, so an invalid body costs no DynamoDB request.',
    '- **SQS batch function**: per-record zod validation, idempotency on the `messageId`, one PutItem per order,',
    '  partial batch failure (`batchItemFailures`); each batch has 10 messages, one of them invalid.',
    '',
    '| contender | HTTP function | SQS function |',
    '|---|---|---|',
    '| tsumiki | `lambda(http())`, `logger()`, `parameters({ ssm(), secret() })`, `router()` with `validate({ body })` and `idempotent()` on the POST route | `lambda(sqs())`, `logger()`, `validate({ body })`, `idempotent()` |',
    "| Middy | `@middy/http-router` (a middy handler per route), `http-json-body-parser`, `http-error-handler`, `@middy/ssm`, `@middy/secrets-manager`, zod in a small custom middleware, pino; idempotency: Powertools' `makeHandlerIdempotent` middy middleware (Middy has none) | `@middy/sqs-partial-batch-failure` over `Promise.allSettled`, zod per record, pino, Powertools' `makeIdempotent` per record |",
    "| Middy + Powertools | Powertools event handler `Router` with its zod request validation, `Logger` + `injectLambdaContext`, `getParameter` / `getSecret` (`maxAge` 5 min, tsumiki's default, instead of Powertools' 5 s), `makeIdempotent` around the order creation | `BatchProcessor` + `processPartialResponse` with the parser integration (`innerSchema`, `transformer: 'json'`), `makeIdempotent` per record, `Logger` |",
    '| bare | hand-written routing, `JSON.parse` + the same zod schema, the parameter and the secret read once per process, the idempotency requests by hand | `Promise.allSettled`, the same zod schema and requests |',
    '',
    '`@middy/secrets-manager` and `@middy/sqs-partial-batch-failure` exist on the npm registry reachable here only up',
    'to 6.4.5; both run unchanged on `@middy/core` 7.9.2 and are used at that version.',
    '',
    `Run ${parts.started.toISOString()}. Machine: ${machine(parts.loadBefore)}.`,
    '',
    `Versions: ${versions()}.`,
    '',
    '### 1. Warm overhead per invocation',
    '',
    `Each contender and case in a process of its own (${warmProcesses} processes each, in interleaved rounds), loading the`,
    'bundle and calling it one invocation after another: warm-up calls first, then CPU time (user + system of the',
    "function's process; the emulators run in another process) and wall time per invocation over the measured calls",
    '(HTTP: 60 + 200, SQS: 15 + 40 batches, in 5 rounds: the median round); the median of the processes is shown.',
    '_Overhead_ is the CPU time above',
    "the bare handler's, which makes the same AWS calls (the SDK's serialisation, signing and HTTP is most of the",
    'time). The last column is the target: tsumiki overhead ÷ the anchor overhead, ≤ 0.50× wanted. Wall time',
    'includes the local DynamoDB and moves with the load of this shared machine; CPU time is what Lambda bills.',
    '',
    '![warm overhead](function-warm.svg)',
    '',
    parts.warm,
    '',
    '### 2. Bundle size',
    '',
    'esbuild, ESM, minified, `platform: node`, `target: node20`; gzip level 9. _SDK external_ leaves `@aws-sdk/*`,',
    '`@smithy/*` and `@aws-crypto/*` out (the Lambda Node.js runtime has them); _SDK bundled_ puts them in, as AWS',
    'advises for cold starts. The bare row is the floor: the same zod schemas and SDK commands with no library.',
    '',
    '![bundle size](function-size.svg)',
    '',
    parts.sizes,
    '',
    "tsumiki's own code in its two functions (bytes coming from `@tsumiki/*` in esbuild's metafile), zod and the SDK",
    'external. Target: ≤ 30 KB minified.',
    '',
    parts.own,
    '',
    'zod by import style (the same schema and one `safeParse`, bundled alone, minified). The named import',
    "`{ z }` keeps zod's whole `z` namespace object alive, so nothing is dropped; the namespace import lets esbuild",
    'keep what the code uses (zod 4 classic still builds its methods onto every schema, hence the 88 KB);',
    '`zod/mini` is tree-shaken to the checks used. tsumiki accepts any Standard Schema, so a `zod/mini` schema',
    'works with `validate()` unchanged.',
    '',
    parts.zod,
    '',
    '### 3. Cold start',
    '',
    `Through \`startLocalRuntime()\` from \`@tsumiki/testing/runtime\` (mode: ${parts.modes}), ${coldSamples} fresh processes per`,
    'contender and function, in interleaved rounds, 1024 MB declared. _Init_ is process start to the runtime',
    "client's first request for work (Node start, the runtime client, the bundle's module init: for tsumiki that",
    'includes reading the parameter and the secret, which the others do on the first invocation); the _first',
    'invocation_ is the cold POST (or batch). Target: tsumiki init ≤ 0.50× Middy + Powertools.',
    '',
    '![cold start](function-cold.svg)',
    '',
    parts.cold,
    '',
    'What the way the SDK is imported costs at init, alone: a function holding only the SSM, DynamoDB and Secrets',
    'Manager clients, importing the classes and commands by name, or with `import()` of the three packages (as',
    '`@tsumiki/parameters` and `@tsumiki/idempotency` do); same bundling, same runtime, interleaved.',
    '',
    parts.sdkStyle,
    '',
    '### 4. AWS requests per invocation',
    '',
    'Counted at the endpoints (SSM / Secrets Manager: `LocalAws.calls()`; DynamoDB: the counting proxy), in the first',
    'cold-start round: _cold_ is init plus the first invocation, _warm_ a new key in the same process, _duplicate_ the',
    'warm request again. SQS: a batch of 10 with one invalid message.',
    '',
    parts.requests,
    '',
    '### Where tsumiki loses (computed from this run)',
    '',
    ...(losses.length === 0 ? ['Nowhere in this run.'] : losses.map((loss) => `- ${loss}`)),
    '',
  ].join('\n')}${findings}`
}

/**
 * The hand-written reading of the figures: causes found with esbuild's metafile and `--cpu-prof`, which do not
 * change from run to run (sizes are exact for this lockfile; times move with the machine's load).
 */
const findings = [
  '### Why, and what would fix it',
  '',
  "- **The SDK tsumiki bundles is larger than the others' (about +250 KB minified in the HTTP function).**",
  "  `@tsumiki/parameters` and `@tsumiki/idempotency` load their clients with `import('@aws-sdk/client-ssm')` /",
  "  `import('@aws-sdk/client-dynamodb')` (so a function that reads only secrets never loads SSM). A dynamic import",
  '  hands esbuild the whole module namespace, which it cannot tree-shake: the bundle carries every command and the',
  '  aggregated `SSM` / `DynamoDB` classes. In the HTTP bundle (metafile): `@aws-sdk/client-ssm` 212.9 KB against',
  "  77.1 KB in the bare and the anchors' bundles, `client-dynamodb` 92.7 KB against 29 KB, `client-secrets-manager`",
  "  27.8 KB against 13.3 KB. It is most of tsumiki's larger SDK-bundled size, and more code to parse at init: the",
  '  import-style table in section 3 measures that alone (the same three clients by name or by `import()`). A fix',
  '  belongs in packages/ (not done here): import the client class and the commands by name in a module that is',
  '  itself loaded lazily, so bundlers keep only those.',
  "- **tsumiki's own code is over the 30 KB target** (see the table: core, logger, parameters, idempotency and",
  '  validation in the HTTP function; core holds the engine, the HTTP adapter for its four front doors and the',
  "  router). The anchors' own code is larger still in these bundles, so this is a target miss, not a loss.",
  "- **zod dominates every bundle with the SDK external.** `import { z } from 'zod'` (as the examples write it, and",
  '  as all four contenders here do) keeps the `z` namespace object with all its members alive, so esbuild keeps all',
  "  of zod 4 classic (≈ 443 KB). `import * as z from 'zod'` in the same code lets esbuild drop what is unused",
  "  (≈ 88 KB for these schemas); `zod/mini` ≈ 15 KB. Powertools' parser imports zod itself. Nothing in tsumiki",
  '  imports zod: `validate()` takes any Standard Schema, `zod/mini` included.',
  "- **Warm overhead is small next to the SDK.** The bare handler's CPU per valid POST (three DynamoDB requests) is",
  '  several milliseconds here; the frameworks add tenths of a millisecond to about one. On this shared, loaded',
  '  2-core machine a difference under about a fifth of the bare CPU time can flip between runs: read such rows as',
  '  even. A CPU profile (`--cpu-prof`, 350 HTTP invocations per contender, run apart from this bench) shows',
  "  tsumiki's own frames in a valid POST spread over the logger (trace id, JSON line), idempotency (item size,",
  '  claim) and core (dispatch, settle), none above about 45 µs per invocation; on the invalid-body path the',
  "  largest is the logger writing the 422 as a warning with the error's fields (`errorFields`, the child-field",
  "  derivation). Middy's `http-error-handler` logs every 4xx with `console.error` by default, which costs it more.",
  '- **SQS batch: the row that moves most.** A batch is ten records of SDK work (27 DynamoDB requests), so the',
  "  frameworks' overhead is a few percent of it and the bare handler's own spread between processes is about as",
  '  large (see the min–max column); over four runs of this suite tsumiki came out above Middy in two, below in one',
  '  (both at or below bare in the other). Profiled (120 batches each, from source), bare, Middy and tsumiki spend the same busy time',
  "  within 2 %; tsumiki's largest own cost is its logger, about 40 µs per record (a request logger per record, the",
  "  ISO timestamp, the JSON line), where Middy's contender logs with pino; the idempotency and validation frames are",
  '  smaller. Making the per-record logger cheaper is the lever, in packages/logger.',
  "- **Cold init.** Node's start and the runtime client are most of every contender's init (see the bare row), so",
  '  0.5× Powertools is out of reach for any library: read _init − bare_. tsumiki reads the parameter and the',
  '  secret during init (`parameters()` fetches while the module loads); the others do it in the first invocation,',
  '  so compare init + first invocation as well. The larger SDK code (first point) adds parse and compile time.',
  '',
].join('\n')

// --- The run ---

async function run(): Promise<void> {
  const loadBefore = loadavg()
  const started = new Date()
  const bundleDir = mkdtempSync(join(tmpdir(), 'tsumiki-bench-function-'))
  const environment = await startEnvironment()
  try {
    for (const fn of functionNames)
      for (const contender of contenderNames)
        await bundle(fn, contender, { sdk: 'bundled', outdir: bundleDir })
    console.log(`  ${suiteName} · bundles written`)
    const sizes = renderSizes(await sizeRows())
    const own = await tsumikiOwnCode()
    const zod = await zodImportStyles()
    console.log(`\n${sizes.markdown}\n\n${own}\n\n${zod}\n`)
    const warm = renderWarm(await warmRows(environment, bundleDir))
    console.log(`\n${warm.markdown}\n`)
    const cold = renderCold(await coldRows(environment, bundleDir))
    console.log(`\n${cold.markdown}\n\n${cold.requests}\n`)
    const sdkStyle = await sdkImportStyle(bundleDir, Math.max(5, Math.round(coldSamples * 0.8)))
    console.log(`\n${sdkStyle}\n`)
    mkdirSync(resultsDir, { recursive: true })
    writeFileSync(join(resultsDir, 'function-warm.svg'), renderChart(warm.chart))
    writeFileSync(join(resultsDir, 'function-size.svg'), renderChart(sizes.chart))
    writeFileSync(join(resultsDir, 'function-cold.svg'), renderChart(cold.chart))
    const report = renderReport({
      started,
      loadBefore,
      warm: warm.markdown,
      sizes: sizes.markdown,
      own,
      zod,
      cold: cold.markdown,
      requests: cold.requests,
      modes: cold.modes,
      sdkStyle,
    })
    writeFileSync(join(resultsDir, 'function.md'), report)
    console.log(`  ${suiteName} · wrote bench/results/function.md and function-*.svg`)
  } finally {
    await environment.stop()
    rmSync(bundleDir, { recursive: true, force: true })
  }
}

export default { name: suiteName, run }
