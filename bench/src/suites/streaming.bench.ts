import { strictEqual } from 'node:assert'
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { events } from '@tsumiki/testing'
import type { Context } from 'aws-lambda'
import type { Contender, Row, RowResult } from '../harness.js'
import { isMeasuringChild, runSuite } from '../harness.js'
import { context } from './engine/fixtures.js'
import {
  bareHandler,
  expectedBody,
  middyHandler,
  powertoolsHandler,
  rowCount,
  type StreamingHandler,
  tsumikiHandler,
} from './streaming/contenders.js'
import { ResponseSink, readSink } from './streaming/response-sink.js'

/**
 * A streamed answer, whole invocations: tsumiki `streamingHttp()` + `replyStream()` against Middy's
 * `executionMode: executionModeStreamifyResponse` and Powertools' `streamify(router)`, each writing to the same
 * in-memory response stream (aws-lambda-ric's, minus the socket). BENCH_STREAMING_TIME_MS sets the time per
 * contender (default 2000).
 */

const suiteName = 'streaming'

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

const middyName = `@middy/core ${versionOf('@middy/core')} streamifyResponse mode`
const powertoolsName = `Powertools event-handler ${versionOf('@aws-lambda-powertools/event-handler')} streamify()`

const description = [
  `tsumiki \`lambda(streamingHttp()).handle(() => replyStream({ headers, cookies, body }))\` against`,
  `\`middy({ executionMode: executionModeStreamifyResponse })\` (${middyName}) and \`streamify(new Router())\``,
  `(${powertoolsName}). Each call is one whole invocation of a Function URL \`GET /report\`: status 200,`,
  `\`content-type: text/csv\`, a cookie (Powertools' streamed prelude carries none), then ${rowCount} rows of 70`,
  'bytes from an async generator, written to an in-memory response stream that runs the prelude on its first write',
  "as aws-lambda-ric's does. tsumiki reads the generator itself; Middy and Powertools take a Node `Readable` made",
  'from it (Powertools a web `Response` around it), as their documentation shows. The baseline writes the prelude',
  "and each row by hand with the runtime's `HttpResponseStream.from`. Each contender runs in fresh Node processes.",
].join('\n')

const event = events.http('functionUrl', { path: '/report' })

function contender(name: string, build: () => StreamingHandler): Contender {
  let handler: StreamingHandler | undefined
  return {
    name,
    fn: () => {
      handler ??= build()
      return handler(event, new ResponseSink(false), context as Context)
    },
  }
}

async function run(): Promise<RowResult[]> {
  const baseline = contender('bare streaming handler', bareHandler)
  const rows: Row[] = [
    {
      label: `${rowCount} rows streamed`,
      contenders: [
        contender('tsumiki streamingHttp()', tsumikiHandler),
        contender(middyName, middyHandler),
        contender(powertoolsName, powertoolsHandler),
      ],
    },
  ]
  if (!isMeasuringChild()) await checkContenders()
  return runSuite(suiteName, description, rows, {
    baseline,
    isolate: true,
    processes: 3,
    timeMs: Number(process.env.BENCH_STREAMING_TIME_MS ?? 2000),
  })
}

/** Every contender must stream the same status, content type and body before it is timed. */
async function checkContenders(): Promise<void> {
  for (const [name, build] of [
    ['bare', bareHandler],
    ['tsumiki', tsumikiHandler],
    ['middy', middyHandler],
    ['powertools', powertoolsHandler],
  ] as const) {
    const sink = new ResponseSink(true)
    await build()(event, sink, context as Context)
    const { prelude, body } = readSink(sink)
    strictEqual(prelude.statusCode, 200, name)
    strictEqual((prelude.headers as Record<string, string>)['content-type'], 'text/csv', name)
    strictEqual(body, expectedBody, name)
  }
}

export default { name: suiteName, run }
