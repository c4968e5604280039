import { deepStrictEqual, strictEqual } from 'node:assert'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Context } from 'aws-lambda'
import type { Contender, Row, RowResult } from '../harness.js'
import { formatNs, isMeasuringChild, runSuite } from '../harness.js'
import {
  type MiddlewareKind,
  middyChain,
  middyHttpChain,
  middyHttpStackChain,
  tsumikiHttpChain,
  tsumikiRawChain,
  tsumikiWrapChain,
} from './engine/chains.js'
import { apiGatewayV2Event, bareHandler, context, rawEvent, work } from './engine/fixtures.js'

/**
 * Engine overhead against Middy: the same handler body, event and context, a full invocation per call, awaited the
 * same way; the bare async handler is the baseline, so the ratio is Middy's overhead over tsumiki's.
 */

const suiteName = 'engine'
const resultsFile = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'results', `${suiteName}.md`)

const middyVersion = (
  JSON.parse(
    readFileSync(join(dirname(fileURLToPath(import.meta.resolve('@middy/core'))), 'package.json'), 'utf8'),
  ) as {
    version: string
  }
).version
const middyName = `@middy/core ${middyVersion}`

const counts = [1, 5, 25] as const
/** In the label of the HTTP rows whose Middy chain does less than tsumiki's (no request parsing). */
const unequalMarker = 'Middy only serialises'
const sliceCounts = [5, 25] as const

/** Target from the issue: tsumiki's overhead at most this fraction of Middy's, row by row. */
const maxOverheadShare = 0.5
/** Target from the issue: each extra synchronous middleware costs less than this. */
const maxNsPerSyncMiddleware = 50

const description = [
  `tsumiki \`lambda(raw()).use(mw)….handle(fn)\` (and \`wrap(fn)\`, \`lambda(http())\`) against \`middy(fn).use(mw)…\``,
  `(${middyName}, its defaults), n middlewares. Every call is one whole invocation \`await handler(event, context)\``,
  'with the same event and context objects (made once; the context has `getRemainingTimeInMillis`, 30 s left) and',
  'the same async handler body; the baseline is that body as a bare `async (event, context) => result` handler.',
  'Each contender runs in a fresh Node process of its own (harness `isolate`), as a deployed handler does, and',
  'each middleware is a function of its own, as in a real chain (n copies of one function would let V8 inline it).',
  '',
  '- *sync*: tsumiki `handle: (req, next) => next()`; Middy `{ before: (request) => {}, after: (request) => {} }`.',
  '- *async*: tsumiki `handle: async (req, next) => { const r = await next(); return r }`; Middy async `before`/`after`.',
  '- *fields*: sync, but every other middleware hands a field on: tsumiki `next({ fieldN: N })`,',
  '  Middy `request.internal.fieldN = N` in `before` (its per-request store).',
  '',
  'Per invocation (defaults on both sides): **tsumiki** makes an `Invocation` (the deadline is read from the',
  'context only when something needs it), a request object and one `next` closure per middleware, runs one async',
  "function (the Lambda handler), and passes the async handler's promise through its deadline guard: a promise",
  "wrapping the handler's, checked once the microtask turn is over; only a handler still running then is watched",
  "by the process-wide deadline timer (one unref'd `setTimeout` for all invocations in flight), so these handlers,",
  'which answer at once, arm no timer. **Middy** makes its request object (with an `Object.create(null)`',
  "`internal`) and an `AbortController` for the handler's `{ signal }`, runs two async functions (its handler,",
  '`runRequest`) and the before/after arrays (checking each result for a promise and for `earlyResponse`), and',
  'races the async handler against its `timeoutEarlyInMillis` (5 ms) timer: a `setTimeout` armed and cleared, a',
  'promise and `Promise.race`.',
  '',
  'HTTP rows, on an API Gateway HTTP API (v2) GET with 10 headers, a query string and 2 cookies:',
  '',
  "- *Middy http-\\* stack* rows compare like for like. tsumiki's `http()` detects the front door, reads method,",
  '  path and correlation id, and headers, query, cookies and body when the handler first reads them; it maps',
  '  errors to statuses and shapes the answer (JSON, content type). Middy runs `@middy/http-event-normalizer`,',
  '  `http-header-normalizer`, `http-json-body-parser` (`disableContentTypeError`: on this GET it only tests the',
  '  content type), `http-response-serializer` (JSON) and `http-error-handler`, all 7.9.2. Its normalisers rewrite',
  '  the event in place, so its contender has a copy of its own, normalised again on every call (the same work).',
  '  In the *reads* row both handlers read a header, a query parameter and the cookies first.',
  '- *Middy only serialises* rows do not compare equal work: the Middy chain only `JSON.stringify`s the result',
  '  into `{ statusCode: 200, headers, body }` in an after hook (the least it needs to answer).',
].join('\n')

/**
 * A contender whose handler is built on its first call. Each contender is measured in a process of its own, and
 * there nothing else gets built: as in a deployed function, core's closures (the Lambda handler, each middleware's
 * step) exist once per chain, not once per row of this suite, which V8 optimises differently.
 */
function contender<TEvent>(
  name: string,
  event: TEvent,
  build: () => (event: TEvent, context: Context) => Promise<unknown>,
): Contender {
  let handler: ((event: TEvent, context: Context) => Promise<unknown>) | undefined
  return {
    name,
    fn: () => {
      if (handler === undefined) handler = build()
      return handler(event, context)
    },
  }
}

async function run(): Promise<RowResult[]> {
  const baseline = contender('bare async handler', rawEvent, () => bareHandler)
  const rows: Row[] = []
  const rawRow = (label: string, kind: MiddlewareKind, count: number) => {
    rows.push({
      label,
      contenders: [
        contender('tsumiki', rawEvent, () => tsumikiRawChain(kind, count)),
        contender(middyName, rawEvent, () => middyChain(kind, count)),
      ],
    })
  }
  rawRow('0 middlewares', 'sync', 0)
  for (const count of counts) rawRow(`${count} sync`, 'sync', count)
  for (const count of counts) rawRow(`${count} async`, 'async', count)
  for (const count of sliceCounts) {
    rawRow(`${count} sync, fields (${Math.ceil(count / 2)} add one)`, 'fields', count)
  }
  rows.push({
    label: '`wrap(existing)` · 5 sync',
    contenders: [
      contender('tsumiki wrap', rawEvent, () => tsumikiWrapChain(5)),
      contender(middyName, rawEvent, () => middyChain('sync', 5)),
    ],
  })
  // Middy's normalisers rewrite the event they are given: its HTTP stack gets an event of its own.
  const middyHttpEvent = structuredClone(apiGatewayV2Event)
  for (const count of [0, 5]) {
    rows.push({
      label: `HTTP API v2 · ${count} sync · Middy http-* stack`,
      contenders: [
        contender('tsumiki http()', apiGatewayV2Event, () => tsumikiHttpChain(count)),
        contender(`${middyName} + http-* stack`, middyHttpEvent, () => middyHttpStackChain(count)),
      ],
    })
  }
  rows.push({
    label: 'HTTP API v2 · 0 sync, handler reads headers, query, cookies · Middy http-* stack',
    contenders: [
      contender('tsumiki http()', apiGatewayV2Event, () => tsumikiHttpChain(0, true)),
      contender(`${middyName} + http-* stack`, middyHttpEvent, () => middyHttpStackChain(0, true)),
    ],
  })
  for (const count of [0, 5]) {
    rows.push({
      label: `HTTP API v2 · ${count} sync (tsumiki parses the request; ${unequalMarker})`,
      contenders: [
        contender('tsumiki http()', apiGatewayV2Event, () => tsumikiHttpChain(count)),
        contender(`${middyName} + JSON after`, apiGatewayV2Event, () => middyHttpChain(count)),
      ],
    })
  }

  // Checked here, in the parent only: in a measuring child even one call per contender would leave JIT feedback.
  if (!isMeasuringChild()) await checkContenders(baseline, rows)
  const previous = existsSync(resultsFile) ? readFileSync(resultsFile, 'utf8') : ''
  const results = await runSuite(suiteName, description, rows, { baseline, isolate: true, processes: 5 })
  const summary = summarise(results)
  console.log(`\n${summary}`)
  writeResults(previous, readFileSync(resultsFile, 'utf8'), summary)
  return results
}

/**
 * engine.md keeps one section per Node major (Lambda runs 22 and 24): this run's replaces the one for its own
 * major, the others stay as they were. The harness wrote this run's table, after the suite's title and
 * description, which the file has once.
 */
function writeResults(previous: string, written: string, summary: string): void {
  const header = `## ${suiteName}\n\n${description}\n\n`
  const table = written.startsWith(header) ? written.slice(header.length) : written
  const sections = new Map<number, string>()
  for (const match of previous.matchAll(/<!-- node (\d+) -->\n([\s\S]*?)<!-- \/node \1 -->/g)) {
    sections.set(Number(match[1]), match[2] ?? '')
  }
  const demoted = summary.replaceAll(/^### /gm, '#### ')
  sections.set(nodeMajor, `### Node ${nodeMajor}\n\n${table.trim()}\n\n${demoted}\n\n`)
  const body = [...sections.entries()]
    .sort(([a], [b]) => a - b)
    .map(([major, section]) => `<!-- node ${major} -->\n${section}<!-- /node ${major} -->\n`)
    .join('\n')
  writeFileSync(resultsFile, `${header}${body}`)
}

/** Every contender must answer what its row promises before it is timed: a benchmark of a broken chain is noise. */
async function checkContenders(baseline: Contender, rows: readonly Row[]): Promise<void> {
  deepStrictEqual(await baseline.fn(), work())
  for (const row of rows) {
    for (const contender of row.contenders) {
      const result = (await contender.fn()) as Record<string, unknown>
      if (row.label.startsWith('HTTP')) {
        strictEqual(result.statusCode, 200, `${row.label} / ${contender.name}`)
        deepStrictEqual(JSON.parse(String(result.body)), work(), `${row.label} / ${contender.name}`)
      } else {
        deepStrictEqual(result, work(), `${row.label} / ${contender.name}`)
      }
    }
  }
}

function find(results: readonly RowResult[], label: string): RowResult {
  const row = results.find((candidate) => candidate.label === label)
  if (row === undefined) throw new Error(`no row ${label}`)
  return row
}

/** Mean time of a row's contender (0: tsumiki, 1: Middy). */
function meanOf(results: readonly RowResult[], label: string, index: number): number {
  const result = find(results, label).results[index]
  if (result === undefined) throw new Error(`row ${label} has no contender ${index}`)
  return result.meanNs
}

/** The cost of one more middleware: the slope between 1 and 25 middlewares. */
function slope(results: readonly RowResult[], kind: 'sync' | 'async', index: number): number {
  return (meanOf(results, `25 ${kind}`, index) - meanOf(results, `1 ${kind}`, index)) / 24
}

/** Slopes are compared with a 50 ns target: one decimal, so that a rounded "50 ns" never reads as met or missed. */
function formatSlope(ns: number): string {
  return `${ns.toFixed(1)} ns`
}

/** Middy 7 declares `engines: node >= 22`; Lambda runs Node 22 and 24. */
const nodeMajor = Number(process.versions.node.split('.')[0])

function summarise(results: readonly RowResult[]): string {
  const syncSlope = slope(results, 'sync', 0)
  const lines = [
    ...(nodeMajor < 22
      ? [
          `> **Node ${process.version}**: ${middyName} requires Node >= 22, and Lambda runs 22 and 24. Node 20 ` +
            "makes an `AbortController`'s signal in about 3 µs (about 0.1 µs on Node 22, 0.04 µs on 24), and Middy " +
            'makes one on every invocation: its overhead here is several times what it is on the runtimes Lambda ' +
            'runs. Run this suite on Node 22 or 24 for ratios that hold in production.',
          '',
        ]
      : []),
    '### Per extra middleware',
    '',
    'Slope between 1 and 25 middlewares, (t(25) − t(1)) ÷ 24:',
    '',
    '| middleware | tsumiki | Middy |',
    '|---|---:|---:|',
    `| sync | ${formatSlope(syncSlope)} | ${formatSlope(slope(results, 'sync', 1))} |`,
    `| async | ${formatSlope(slope(results, 'async', 0))} | ${formatSlope(slope(results, 'async', 1))} |`,
    '',
    '### Targets',
    '',
    `- Per extra sync middleware < ${maxNsPerSyncMiddleware} ns: **${formatSlope(syncSlope)}**, ` +
      `${syncSlope < maxNsPerSyncMiddleware ? 'met' : '**missed**'}.`,
    `- Overhead ≤ ${maxOverheadShare}× Middy's (ratio ≥ ${(1 / maxOverheadShare).toFixed(2)}×), row by row:`,
    '',
    '| case | tsumiki overhead | Middy overhead | tsumiki ÷ Middy | target |',
    '|---|---:|---:|---:|---|',
  ]
  let missed = 0
  for (const row of results) {
    const [ours, theirs] = row.results
    if (ours === undefined || theirs === undefined) continue
    const ourOverhead = ours.overheadNs ?? ours.meanNs
    const theirOverhead = theirs.overheadNs ?? theirs.meanNs
    const share = theirOverhead > 0 ? ourOverhead / theirOverhead : Number.POSITIVE_INFINITY
    const met = share <= maxOverheadShare
    const unequal = row.label.includes(unequalMarker)
    if (!met && !unequal) missed++
    lines.push(
      `| ${row.label} | ${formatNs(ourOverhead)} | ${formatNs(theirOverhead)} | ${share.toFixed(2)} | ` +
        `${met ? 'met' : '**missed**'}${unequal ? ' (unequal work)' : ''} |`,
    )
  }
  lines.push(
    '',
    missed === 0
      ? 'Every like-for-like row meets the overhead target.'
      : `${missed} like-for-like row(s) miss the overhead target.`,
  )
  return lines.join('\n')
}

export default { name: suiteName, run }
