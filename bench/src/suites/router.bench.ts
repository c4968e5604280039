import { deepStrictEqual, strictEqual } from 'node:assert'
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Context } from 'aws-lambda'
import type { Contender, Row, RowResult } from '../harness.js'
import { formatNs, isMeasuringChild, runSuite } from '../harness.js'
import { apiGatewayV2Event, context, work } from './engine/fixtures.js'
import {
  bareHandler,
  type LambdaHandler,
  middyRouter,
  powertoolsRouter,
  tsumikiRouter,
} from './router/contenders.js'

/**
 * Router overhead against `@middy/http-router` and Powertools' `Router`: a whole invocation per call, the same
 * event (an HTTP API v2 `GET /widgets/42`), context and route body; the baseline is that body as a bare handler.
 */

const suiteName = 'router'

/** The installed version, from bench/node_modules (the packages' exports maps do not all list package.json). */
function versionOf(name: string): string {
  const manifest = join(
    dirname(fileURLToPath(import.meta.url)),
    '..',
    '..',
    'node_modules',
    name,
    'package.json',
  )
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version
}

const middyName = `@middy/core + http-router ${versionOf('@middy/http-router')}`
const powertoolsName = `Powertools event-handler Router ${versionOf('@aws-lambda-powertools/event-handler')}`

/** Target from the issue: tsumiki's overhead at most this fraction of each anchor's. */
const maxOverheadShare = 0.5

const description = [
  `tsumiki \`lambda(http()).handle(router().get(...))\` against \`middy(httpRouterHandler(routes))\` (${middyName})`,
  `and \`new Router().get(...)\` + \`app.resolve(event, context)\` (${powertoolsName}). Every call is one whole`,
  'invocation `await handler(event, context)` of an API Gateway HTTP API (v2) `GET /widgets/42` with 10 headers, a',
  'query string and 2 cookies; the route reads the `id` parameter and answers a small object as 200 JSON (the Middy',
  'route returns `{ statusCode, headers, body: JSON.stringify(...) }` itself: its router does not shape answers).',
  'The baseline is that route body as a bare async handler. Each contender runs in fresh Node processes of its own',
  '(harness `isolate`, median of 3). *n routes*: `GET /resource{i}/{id}` for i < n-1, then `GET /widgets/{id}`, the',
  'one asked for: the last declared. Middy gets a copy of the event (its router writes `event.pathParameters`).',
  '',
  'Per request, **tsumiki** reads the method and path, splits the path into segments and walks a segment trie (one',
  'map lookup per static segment), defines the typed `pathParams` on the request, runs the route chain, and shapes',
  "the answer (JSON, content type). **Middy** looks the path up in its static table, then tries each dynamic route's",
  'regular expression in order (after a segment-count filter); it also makes its request object and an',
  '`AbortController` and races the handler against its timeout. **Powertools** turns the event into a web `Request`,',
  'resolves the route, composes its middleware, and turns the web `Response` back into a proxy result.',
].join('\n')

function contender(name: string, event: unknown, build: () => LambdaHandler): Contender {
  let handler: LambdaHandler | undefined
  return {
    name,
    fn: () => {
      if (handler === undefined) handler = build()
      return handler(event as never, context as Context)
    },
  }
}

async function run(): Promise<RowResult[]> {
  const baseline = contender('bare async handler', apiGatewayV2Event, () => bareHandler)
  const rows: Row[] = []
  for (const routeCount of [1, 50]) {
    const middyEvent = structuredClone(apiGatewayV2Event)
    rows.push({
      label: routeCount === 1 ? '1 route' : `${routeCount} routes, matching the last`,
      contenders: [
        contender('tsumiki router()', apiGatewayV2Event, () => tsumikiRouter(routeCount)),
        contender(middyName, middyEvent, () => middyRouter(routeCount)),
        contender(powertoolsName, apiGatewayV2Event, () => powertoolsRouter(routeCount)),
      ],
    })
  }
  if (!isMeasuringChild()) await checkContenders(baseline, rows)
  const results = await runSuite(suiteName, description, rows, { baseline, isolate: true, processes: 3 })
  console.log(`\n${summarise(results)}`)
  return results
}

/** Every contender must answer 200 with the route's JSON before it is timed. */
async function checkContenders(baseline: Contender, rows: readonly Row[]): Promise<void> {
  for (const candidate of [baseline, ...rows.flatMap((row) => row.contenders)]) {
    const result = (await candidate.fn()) as { statusCode: number; body: string }
    strictEqual(result.statusCode, 200, candidate.name)
    deepStrictEqual(JSON.parse(result.body), work(), candidate.name)
  }
}

function summarise(results: readonly RowResult[]): string {
  const lines = [
    `### Target: tsumiki's overhead ≤ ${maxOverheadShare}× each anchor's`,
    '',
    '| case | anchor | tsumiki overhead | anchor overhead | tsumiki ÷ anchor | target |',
    '|---|---|---:|---:|---:|---|',
  ]
  for (const row of results) {
    const [ours, ...anchors] = row.results
    if (ours === undefined) continue
    const ourOverhead = ours.overheadNs ?? ours.meanNs
    for (const anchor of anchors) {
      const theirOverhead = anchor.overheadNs ?? anchor.meanNs
      const share = theirOverhead > 0 ? ourOverhead / theirOverhead : Number.POSITIVE_INFINITY
      lines.push(
        `| ${row.label} | ${anchor.name} | ${formatNs(ourOverhead)} | ${formatNs(theirOverhead)} | ` +
          `${share.toFixed(2)} | ${share <= maxOverheadShare ? 'met' : '**missed**'} |`,
      )
    }
  }
  return lines.join('\n')
}

export default { name: suiteName, run }
