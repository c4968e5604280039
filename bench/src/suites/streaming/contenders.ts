import './awslambda-global.js'
import { Readable } from 'node:stream'
import { Router, streamify } from '@aws-lambda-powertools/event-handler/http'
import middy from '@middy/core'
import { executionModeStreamifyResponse } from '@middy/core/StreamifyResponse'
import { lambda, replyStream, streamingHttp } from '@tsumiki/core'
import type { Context, LambdaFunctionURLEvent } from 'aws-lambda'
import type { ResponseSink } from './response-sink.js'

/**
 * One streaming function per contender, the same job: a Function URL `GET /report` answered 200 `text/csv` with
 * a cookie, its body `rowCount` rows made one at a time by an async generator (what a report built as it is read
 * looks like). Each contender takes the rows the way its library takes a stream: tsumiki the generator itself,
 * Middy and Powertools a Node `Readable` made from it.
 */

export type StreamingHandler = (
  event: LambdaFunctionURLEvent,
  stream: ResponseSink,
  context: Context,
) => Promise<unknown>

export const rowCount = 32
const row = (index: number) => `${index},${'x'.repeat(60)},${index * 7}\n`

export async function* rows(): AsyncGenerator<string> {
  for (let index = 0; index < rowCount; index++) yield row(index)
}

export const expectedBody = Array.from({ length: rowCount }, (_, index) => row(index)).join('')
export const headers = { 'content-type': 'text/csv' }
export const cookies = ['report=q3; Secure']

export function tsumikiHandler(): StreamingHandler {
  const handler = lambda(streamingHttp()).handle(() => replyStream({ headers, cookies, body: rows() }))
  return handler as unknown as StreamingHandler
}

export function middyHandler(): StreamingHandler {
  const handler = middy({ executionMode: executionModeStreamifyResponse }).handler(async () => ({
    statusCode: 200,
    headers,
    cookies,
    body: Readable.from(rows()),
  }))
  return handler as unknown as StreamingHandler
}

export function powertoolsHandler(): StreamingHandler {
  const app = new Router()
  app.get('/report', () => new Response(Readable.toWeb(Readable.from(rows())) as ReadableStream, { headers }))
  return streamify(app) as unknown as StreamingHandler
}

/** The baseline: the runtime's own API by hand, the prelude then each row written as it comes. */
export function bareHandler(): StreamingHandler {
  const { HttpResponseStream } = (
    globalThis as unknown as { awslambda: { HttpResponseStream: { from<T>(stream: T, prelude: object): T } } }
  ).awslambda
  return async (_event, stream) => {
    const out = HttpResponseStream.from(stream, { statusCode: 200, headers, cookies })
    for await (const chunk of rows())
      if (!out.write(chunk)) await new Promise((resolve) => out.once('drain', resolve))
    await new Promise<void>((resolve) => out.end(resolve))
  }
}
