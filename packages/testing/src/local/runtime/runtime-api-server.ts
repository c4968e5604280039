import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { StreamCollector } from '../../invoke/streamed-response.js'
import type { FunctionError } from './local-runtime.js'

const prefix = '/2018-06-01/runtime'

/** What the runtime client asks of the Runtime API; each answers whether the request id was the one in flight. */
export interface RuntimeApiHandlers {
  /** `GET /invocation/next`: the runtime is idle and waits (long poll) for the next event on `reply`. */
  next(reply: NextReply): void
  /** `POST /invocation/{id}/response` with the JSON the handler returned. */
  response(requestId: string, body: string): boolean
  /**
   * `POST /invocation/{id}/response` in streaming mode: where its bytes go as they arrive, with the response's
   * content type; undefined when the request id is not the one in flight.
   */
  streamResponse(requestId: string, contentType: string): StreamCollector | undefined
  /** `POST /invocation/{id}/error`. */
  error(requestId: string, error: FunctionError): boolean
  /** `POST /init/error`: loading the handler failed. */
  initError(error: FunctionError): void
}

export interface InvocationHeaders {
  readonly requestId: string
  readonly deadlineAtMs: number
  readonly functionArn: string
  readonly traceId: string
}

/** Answers one pending `GET /invocation/next`. */
export interface NextReply {
  send(headers: InvocationHeaders, eventJson: string): void
}

export interface RuntimeApiServer {
  /** `host:port`, the value of `AWS_LAMBDA_RUNTIME_API`. */
  readonly address: string
  close(): Promise<void>
}

/** The Lambda Runtime API (the part a runtime client uses), on loopback, on a free port. */
export async function startRuntimeApiServer(handlers: RuntimeApiHandlers): Promise<RuntimeApiServer> {
  const server = createServer((request, response) => {
    route(handlers, request, response).catch((error: unknown) => {
      answer(response, 500, { errorType: 'ServiceException', errorMessage: String(error) })
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  return { address: `127.0.0.1:${port}`, close: () => close(server) }
}

async function route(handlers: RuntimeApiHandlers, request: IncomingMessage, response: ServerResponse) {
  const path = request.url ?? ''
  if (request.headers['lambda-runtime-function-response-mode'] === 'streaming') {
    await streamed(handlers, path, request, response)
    return
  }
  const body = await readBody(request)
  if (request.method === 'GET' && path === `${prefix}/invocation/next`) {
    handlers.next({
      send(headers, eventJson) {
        response.writeHead(200, {
          'Content-Type': 'application/json',
          'Lambda-Runtime-Aws-Request-Id': headers.requestId,
          'Lambda-Runtime-Deadline-Ms': String(headers.deadlineAtMs),
          'Lambda-Runtime-Invoked-Function-Arn': headers.functionArn,
          'Lambda-Runtime-Trace-Id': headers.traceId,
        })
        response.end(eventJson)
      },
    })
    return
  }
  if (request.method === 'POST' && path === `${prefix}/init/error`) {
    handlers.initError(functionError(body, request.headers['lambda-runtime-function-error-type']))
    answer(response, 202, { status: 'OK' })
    return
  }
  const invocation = /^\/2018-06-01\/runtime\/invocation\/([^/]+)\/(response|error)$/.exec(path)
  if (request.method === 'POST' && invocation?.[1] && invocation[2]) {
    const requestId = decodeURIComponent(invocation[1])
    const known =
      invocation[2] === 'response'
        ? handlers.response(requestId, body)
        : handlers.error(
            requestId,
            functionError(body, request.headers['lambda-runtime-function-error-type']),
          )
    if (known) answer(response, 202, { status: 'OK' })
    else
      answer(response, 400, {
        errorType: 'InvalidRequestID',
        errorMessage: `No invocation ${requestId} in flight`,
      })
    return
  }
  answer(response, 404, { errorType: 'NotFound', errorMessage: `No route ${request.method} ${path}` })
}

/**
 * A streamed response: chunked, its bytes handed on as they arrive, and its end marked by the trailers, which carry
 * the error (`Lambda-Runtime-Function-Error-Type`, and `-Body`: the error's JSON, base64) when the function failed
 * after it started writing.
 */
async function streamed(
  handlers: RuntimeApiHandlers,
  path: string,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const match = /^\/2018-06-01\/runtime\/invocation\/([^/]+)\/response$/.exec(path)
  const requestId = match?.[1] === undefined ? undefined : decodeURIComponent(match[1])
  const collector =
    requestId === undefined
      ? undefined
      : handlers.streamResponse(
          requestId,
          String(request.headers['content-type'] ?? 'application/octet-stream'),
        )
  if (collector === undefined) {
    request.resume()
    answer(response, 400, {
      errorType: 'InvalidRequestID',
      errorMessage: `No invocation ${requestId} in flight`,
    })
    return
  }
  try {
    for await (const chunk of request) collector.push(new Uint8Array(chunk as Buffer))
  } catch (error) {
    collector.end({ errorType: 'Runtime.StreamAborted', errorMessage: String(error), trace: [] })
    return
  }
  const errorType = request.trailers['lambda-runtime-function-error-type']
  if (typeof errorType === 'string' && errorType !== '') {
    const errorBody = request.trailers['lambda-runtime-function-error-body']
    const text = typeof errorBody === 'string' ? Buffer.from(errorBody, 'base64').toString('utf8') : ''
    collector.end(functionError(text, errorType))
  } else collector.end()
  answer(response, 202, { status: 'OK' })
}

/** The runtime client posts `{ errorType, errorMessage, trace }`; anything else is still reported, as text. */
function functionError(body: string, errorTypeHeader: string | string[] | undefined): FunctionError {
  const headerType = typeof errorTypeHeader === 'string' ? errorTypeHeader : undefined
  try {
    const parsed: unknown = JSON.parse(body)
    if (typeof parsed === 'object' && parsed !== null) {
      const { errorType, errorMessage, trace, stackTrace } = parsed as Record<string, unknown>
      const lines = Array.isArray(trace) ? trace : Array.isArray(stackTrace) ? stackTrace : []
      return {
        errorType: typeof errorType === 'string' ? errorType : (headerType ?? 'Unknown'),
        errorMessage: typeof errorMessage === 'string' ? errorMessage : '',
        trace: lines.map(String),
      }
    }
  } catch {
    // Not JSON: the body is the message.
  }
  return { errorType: headerType ?? 'Unknown', errorMessage: body, trace: [] }
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

function answer(response: ServerResponse, status: number, body: object): void {
  if (response.headersSent) return
  response.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body))
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve())
    // The runtime client keeps its connection alive (and may be waiting on /next): end it.
    server.closeAllConnections()
  })
}
