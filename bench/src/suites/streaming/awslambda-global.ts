/*
 * What the Lambda runtime puts on globalThis before it loads a handler: `awslambda.streamifyResponse` and
 * `awslambda.HttpResponseStream`, as aws-lambda-ric 4.0.2 defines them (src/utils/globals, src/stream). Middy's
 * streaming mode calls the global, and Powertools reads it when its module loads, so run-all.ts imports this module before any suite.
 */

interface ResponseStreamLike {
  setContentType(contentType: string): void
  _onBeforeFirstWrite?: (write: (chunk: string | Uint8Array) => void) => void
}

const streamingMark = Symbol.for('aws.lambda.runtime.handler.streaming')

const awslambda = {
  streamifyResponse<T extends object>(handler: T): T {
    ;(handler as Record<symbol, unknown>)[streamingMark] = 'response'
    return handler
  },
  HttpResponseStream: {
    from<T extends ResponseStreamLike>(stream: T, prelude: object): T {
      stream.setContentType('application/vnd.awslambda.http-integration-response')
      const json = JSON.stringify(prelude)
      stream._onBeforeFirstWrite = (write) => {
        write(json)
        write(new Uint8Array(8))
      }
      return stream
    },
  },
}

;(globalThis as { awslambda?: unknown }).awslambda = awslambda
