import { mkdtempSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { events, type LocalCollector, startLocalCollector } from '@tsumiki/testing'
import { type LocalRuntime, startLocalRuntime } from '@tsumiki/testing/runtime'
import { build } from 'esbuild'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

/*
 * End to end: the function bundled as deployed (provider, OTLP/HTTP exporter and all), under the Lambda runtime
 * client, exporting to a local OTLP receiver. Its processor holds spans for a minute, so every span the receiver has
 * when an invocation returns was sent by the flush at the end of that invocation, before the freeze.
 */
let collector: LocalCollector
let runtime: LocalRuntime
let root: string

beforeAll(async () => {
  const modules = fileURLToPath(new URL('../../node_modules/', import.meta.url))
  root = mkdtempSync(join(modules, '.tsumiki-runtime-fixture-'))
  await build({
    entryPoints: { handler: fileURLToPath(new URL('../support/traced-function.ts', import.meta.url)) },
    outdir: join(root, 'dist'),
    outExtension: { '.js': '.mjs' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: ['@aws-sdk/*', '@smithy/*'],
    banner: {
      js: "import { createRequire as __tsumikiCreateRequire } from 'node:module';const require = __tsumikiCreateRequire(import.meta.url);",
    },
    logLevel: 'silent',
  })
  collector = await startLocalCollector()
  runtime = await startLocalRuntime({
    handler: 'dist/handler.handler',
    cwd: root,
    functionName: 'shipper',
    env: { OTEL_EXPORTER_OTLP_ENDPOINT: collector.endpoint },
  })
}, 60_000)

afterAll(async () => {
  await runtime?.stop()
  await collector?.stop()
  if (root !== undefined) rmSync(root, { recursive: true, force: true })
})

describe('a bundled function under the runtime, with the real OTLP exporter', () => {
  it('delivers every span of every invocation before the invocation ends', async () => {
    for (let n = 0; n < 3; n++) {
      collector.clear()
      const invocation = await runtime.invoke(
        events.sqs([
          { messageId: `m-${n}-a`, body: `a${n}` },
          { messageId: `m-${n}-b`, body: `b${n}` },
        ]),
      )
      expect(invocation.error).toBeUndefined()
      const spans = collector.spans()
      expect(spans.map((span) => span.name).sort()).toEqual(
        ['shipper', 'process my-queue', 'process my-queue', `ship a${n}`, `ship b${n}`].sort(),
      )
      const root = spans.find((span) => span.name === 'shipper')
      expect(root).toMatchObject({ kind: 'CONSUMER', scope: '@tsumiki/tracing' })
      expect(root?.attributes['faas.invocation_id']).toBe(invocation.requestId)
      expect(root?.attributes['faas.coldstart']).toBe(n === 0)
      for (const body of [`a${n}`, `b${n}`]) {
        const child = spans.find((span) => span.name === `ship ${body}`)
        const record = spans.find((span) => span.spanId === child?.parentSpanId)
        expect(record?.name).toBe('process my-queue')
        expect(record?.parentSpanId).toBe(root?.spanId)
        const line = invocation.logs.json.find((logged) => logged.shipment === body)
        expect(line).toMatchObject({ trace_id: root?.traceId, span_id: child?.spanId })
      }
    }
  })
})
