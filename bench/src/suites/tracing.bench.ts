import { execFile } from 'node:child_process'
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { context as otelContext, trace } from '@opentelemetry/api'
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks'
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http'
import { BatchSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace'
import { lambda, raw } from '@tsumiki/core'
import { startLocalCollector } from '@tsumiki/testing'
import { tracing } from '@tsumiki/tracing'
import { build } from 'esbuild'
import { formatNs, isMeasuringChild, type Row, runSuite } from '../harness.js'
import { bare, type ContenderName, contenders, context, event, type Handler } from './tracing/contenders.js'

/*
 * @tsumiki/tracing against Powertools Tracer (@aws-lambda-powertools/tracer 2.35.0 on the X-Ray SDK, on Middy) and
 * against no tracing. Four figures: warm CPU per invocation (each contender in a process of its own, the bare handler
 * as baseline), the cold start each adds (a bundled function imported and invoked once in a fresh Node process),
 * the import of tsumiki's own tracing code, and what the flush at the end of each invocation costs over OTLP/HTTP to
 * a collector on loopback.
 */

const suiteName = 'tracing'
const here = dirname(fileURLToPath(import.meta.url))
const benchDir = join(here, '..', '..')
const resultsFile = join(benchDir, 'results', `${suiteName}.md`)
const coldRuns = Number(process.env.TRACING_BENCH_COLD_RUNS ?? 21)
const flushInvocations = Number(process.env.TRACING_BENCH_FLUSH_INVOCATIONS ?? 200)
/** Targets from the issue. */
const maxImportMs = 2
const maxColdShareOfPowertools = 0.5
const maxWarmShareOfPowertools = 0.5
const maxNoProviderNs = 1000

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

const order: readonly ContenderName[] = [
  'tsumikiNoProvider',
  'tsumikiWithProvider',
  'powertoolsTracer',
  'tsumikiPlain',
  'middyPlain',
]
const wanted = childContender()
const handlers = new Map(
  order
    .filter((name) => wanted === undefined || name === wanted)
    .map((name) => [name, contenders[name].make()] as const),
)
const invoke = (name: ContenderName) => () => (handlers.get(name) as Handler)(event, context)

/**
 * Only the contender a measuring child times is made in it: tsumikiWithProvider registers a global provider, which
 * would turn the no-provider contender into a recording one in a shared process.
 */
function childContender(): ContenderName | undefined {
  const job = process.env.TSUMIKI_BENCH_CHILD_JOB
  if (job === undefined) return undefined
  const { row, contender } = JSON.parse(job) as { row: number; contender: number }
  return row < 0 ? undefined : order[contender]
}

const rows: Row[] = [
  {
    label: 'one span per invocation, flushed before it returns',
    contenders: order.map((name) => ({ name: contenders[name].label, fn: invoke(name) })),
  },
]

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] as number
}

/**
 * The median, over fresh Node processes, of `script`'s own measurement (it prints milliseconds last). Started
 * asynchronously: this process serves the collector the traced function exports to meanwhile.
 */
async function medianMs(script: string, env: Readonly<Record<string, string>> = {}): Promise<number> {
  const samples: number[] = []
  for (let run = 0; run < coldRuns; run++) {
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
      cwd: benchDir,
      encoding: 'utf8',
      env: { ...process.env, ...env },
    })
    // The figure is the last line: a function may write lines of its own before it.
    const figure = Number(stdout.trim().split('\n').pop())
    if (!Number.isFinite(figure)) throw new Error(`a cold run printed no figure: ${stdout}`)
    samples.push(figure)
  }
  return median(samples)
}

const coldFunctions = {
  none: { label: 'no tracing (tsumiki core alone)', entry: 'no-tracing' },
  tsumiki: { label: 'tsumiki tracing() + SDK provider + OTLP/HTTP exporter', entry: 'tsumiki-otlp' },
  powertools: {
    label: `Powertools Tracer ${versionOf('@aws-lambda-powertools/tracer')} on Middy (X-Ray SDK)`,
    entry: 'powertools-tracer',
  },
} as const

/** Bundles each cold-start function as deployed (everything in, the AWS SDK left out) into `dir`. */
async function bundleColdFunctions(dir: string): Promise<void> {
  await build({
    entryPoints: Object.fromEntries(
      Object.values(coldFunctions).map(({ entry }) => [entry, join(here, 'tracing', 'cold', `${entry}.ts`)]),
    ),
    outdir: dir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    minify: true,
    // The X-Ray SDK requires @smithy packages the Lambda runtime does not promise: bundled, as a user must.
    external: ['@aws-sdk/*'],
    banner: {
      js: "import { createRequire as __tsumikiCreateRequire } from 'node:module';const require = __tsumikiCreateRequire(import.meta.url);",
    },
    logLevel: 'silent',
  })
}

/** Import the bundle and serve the first invocation: what a cold start costs the function's own code. */
function coldStartScript(file: string): string {
  return [
    `const context = { functionName: 'orders-api', functionVersion: '$LATEST', awsRequestId: 'r-1', memoryLimitInMB: '1024',`,
    `  invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:orders-api', getRemainingTimeInMillis: () => 900000 };`,
    'const startedAt = performance.now();',
    `const { handler } = await import(${JSON.stringify(pathToFileURL(file).href)});`,
    `await handler({ orderId: 'o-1' }, context);`,
    "process.stdout.write('\\n' + String(performance.now() - startedAt));",
  ].join('\n')
}

/** Mean wall time per invocation of a traced handler exporting over OTLP/HTTP to a local collector. */
async function flushCostMs(): Promise<{ withFlushMs: number; withoutFlushMs: number; spans: number }> {
  const collector = await startLocalCollector()
  // The answer checks registered the warm contender's provider in this process: it gives way to this one.
  trace.disable()
  otelContext.disable()
  const provider = new TracerProvider({
    spanProcessors: [
      new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url: collector.tracesUrl }) }),
    ],
  })
  otelContext.setGlobalContextManager(new AsyncLocalStorageContextManager().enable())
  trace.setGlobalTracerProvider(provider)
  try {
    const timed = async (flush: boolean) => {
      const handler = lambda(raw<typeof event>())
        .use(tracing({ flush }))
        .handle(({ event: order }) => order.orderId)
      await handler(event, context)
      const startedAt = performance.now()
      for (let n = 0; n < flushInvocations; n++) await handler(event, context)
      return (performance.now() - startedAt) / flushInvocations
    }
    const withFlushMs = await timed(true)
    const spans = collector.spans().length
    const withoutFlushMs = await timed(false)
    await provider.forceFlush()
    return { withFlushMs, withoutFlushMs, spans }
  } finally {
    await provider.shutdown()
    trace.disable()
    otelContext.disable()
    await collector.stop()
  }
}

const description = [
  'One whole invocation per call, `await handler(event, context)`, the same event and context for all. Each contender',
  'runs in a fresh Node process of its own (harness `isolate`); the baseline is the handler body as a bare async handler.',
  'tsumiki: `lambda(raw()).use(tracing())`, with no provider registered, and with the SDK provider',
  `(\`@opentelemetry/sdk-trace ${versionOf('@opentelemetry/sdk-trace')}\`, a batch processor, an exporter that accepts at`,
  'once), flushed at the end of every invocation. Powertools Tracer: `captureLambdaHandler(tracer)` on',
  `\`@middy/core ${versionOf('@middy/core')}\`, a subsegment per invocation sent over UDP to the daemon address.`,
].join('\n')

async function run(): Promise<void> {
  if (!isMeasuringChild()) {
    // Every contender answers before it is timed.
    for (const name of order) {
      if ((await invoke(name)()) !== event.orderId) throw new Error(`${name} did not answer ${event.orderId}`)
    }
  }
  const results = await runSuite(suiteName, description, rows, {
    isolate: true,
    baseline: { name: 'bare async handler', fn: () => bare()(event, context) },
    processes: Number(process.env.TRACING_BENCH_PROCESSES ?? 3),
  })
  const [row] = results
  const overheadOf = (name: ContenderName) =>
    row?.results.find((result) => result.name === contenders[name].label)?.overheadNs ?? Number.NaN
  // What tracing adds: over tsumiki without it, and Powertools Tracer over Middy without it.
  const noProviderNs = overheadOf('tsumikiNoProvider') - overheadOf('tsumikiPlain')
  const withProviderNs = overheadOf('tsumikiWithProvider') - overheadOf('tsumikiPlain')
  const powertoolsNs = overheadOf('powertoolsTracer') - overheadOf('middyPlain')

  const dir = mkdtempSync(join(benchDir, 'node_modules', '.tsumiki-tracing-cold-'))
  let cold: Record<keyof typeof coldFunctions, number>
  try {
    await bundleColdFunctions(dir)
    const collector = await startLocalCollector()
    try {
      const env = { OTEL_EXPORTER_OTLP_ENDPOINT: collector.endpoint }
      cold = {
        none: await medianMs(coldStartScript(join(dir, 'no-tracing.mjs')), env),
        tsumiki: await medianMs(coldStartScript(join(dir, 'tsumiki-otlp.mjs')), env),
        powertools: await medianMs(coldStartScript(join(dir, 'powertools-tracer.mjs')), env),
      }
    } finally {
      await collector.stop()
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  const addedTsumiki = cold.tsumiki - cold.none
  const addedPowertools = cold.powertools - cold.none
  const ownImportMs = await medianMs(
    [
      "await import('@tsumiki/core');",
      'const startedAt = performance.now();',
      "await import('@tsumiki/tracing');",
      'process.stdout.write(String(performance.now() - startedAt));',
    ].join('\n'),
  )
  const flush = await flushCostMs()

  const met = (ok: boolean) => (ok ? 'met' : 'missed')
  const section = [
    '',
    '### Cold start',
    '',
    `Median of ${coldRuns} fresh Node processes: \`await import(bundle)\` and the first invocation (esbuild, minified, everything bundled but the AWS SDK).`,
    '',
    '| function | cold start | added by tracing |',
    '|---|---:|---:|',
    `| ${coldFunctions.none.label} | ${cold.none.toFixed(2)} ms | |`,
    `| ${coldFunctions.tsumiki.label} | ${cold.tsumiki.toFixed(2)} ms | ${addedTsumiki.toFixed(2)} ms |`,
    `| ${coldFunctions.powertools.label} | ${cold.powertools.toFixed(2)} ms | ${addedPowertools.toFixed(2)} ms |`,
    '',
    `tsumiki's own tracing code (\`import('@tsumiki/tracing')\`, @tsumiki/core already loaded; @opentelemetry/api is loaded by the first invocation): ${ownImportMs.toFixed(2)} ms.`,
    '',
    '### The flush over OTLP/HTTP',
    '',
    `Mean wall time per invocation over ${flushInvocations} invocations, one span each, the OTLP/HTTP exporter sending to \`startLocalCollector()\` on loopback: ${flush.withFlushMs.toFixed(3)} ms flushed at the end of each invocation, ${flush.withoutFlushMs.toFixed(3)} ms without the flush (the spans then wait in the processor: lost to the freeze on Lambda). The collector received ${flush.spans} spans from the flushed run.`,
    '',
    '### Targets',
    '',
    `- Own code imports in ≤ ${maxImportMs} ms: ${ownImportMs.toFixed(2)} ms, **${met(ownImportMs <= maxImportMs)}**.`,
    `- Added cold start ≤ ${maxColdShareOfPowertools}× Powertools Tracer's: ${addedTsumiki.toFixed(2)} ms against ${addedPowertools.toFixed(2)} ms, ${(addedTsumiki / addedPowertools).toFixed(2)}×, **${met(addedTsumiki / addedPowertools <= maxColdShareOfPowertools)}**.`,
    `- Warm overhead ≤ ${maxWarmShareOfPowertools}× Powertools Tracer's (each over its framework without tracing): ${formatNs(withProviderNs)} against ${formatNs(powertoolsNs)}, ${(withProviderNs / powertoolsNs).toFixed(2)}×, **${met(withProviderNs / powertoolsNs <= maxWarmShareOfPowertools)}**.`,
    `- No provider ≤ 1 µs per invocation (over tsumiki without tracing): ${formatNs(noProviderNs)}, **${met(noProviderNs <= maxNoProviderNs)}**.`,
    '',
  ].join('\n')
  console.log(section)
  appendFileSync(resultsFile, `${section}\n`)
}

export default { name: suiteName, run }
