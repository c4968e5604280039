import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { gunzipSync } from 'node:zlib'
import { type CollectedSpan, decodeOtlpJson } from './otlp-json.js'

export interface LocalCollector {
  /** `http://127.0.0.1:<port>`: give it as `OTEL_EXPORTER_OTLP_ENDPOINT`; traces go to `/v1/traces`. */
  readonly endpoint: string
  /** `<endpoint>/v1/traces`: the exporter's `url` option. */
  readonly tracesUrl: string
  /** Every span received so far, in the order received. */
  spans(): CollectedSpan[]
  /** How many export requests were received (and answered). */
  readonly exports: number
  /** Forgets the spans received so far. */
  clear(): void
  stop(): Promise<void>
}

const maxBodyBytes = 16 * 1024 * 1024

/**
 * An OTLP/HTTP receiver on loopback for tests: it decodes what a real OTLP exporter sends
 * (`@opentelemetry/exporter-trace-otlp-http`: JSON, gzipped or not) and keeps the spans. A protobuf body (the
 * `-proto` exporter) is refused with 415, so a test never passes on spans it did not read.
 */
export async function startLocalCollector(): Promise<LocalCollector> {
  const received: CollectedSpan[] = []
  let exports = 0
  const server = createServer((request, response) => {
    receive(request, response, (spans) => {
      received.push(...spans)
      exports++
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const endpoint = `http://127.0.0.1:${port}`
  return {
    endpoint,
    tracesUrl: `${endpoint}/v1/traces`,
    spans: () => [...received],
    get exports() {
      return exports
    },
    clear: () => {
      received.length = 0
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close((error) => (error === undefined ? resolve() : reject(error)))
      }),
  }
}

function receive(
  request: IncomingMessage,
  response: ServerResponse,
  keep: (spans: CollectedSpan[]) => void,
): void {
  const answer = (status: number, body: object) => {
    response.writeHead(status, { 'content-type': 'application/json' })
    response.end(JSON.stringify(body))
  }
  if (request.method !== 'POST' || request.url !== '/v1/traces') {
    answer(404, { message: 'Only POST /v1/traces is received here' })
    return
  }
  const type = request.headers['content-type'] ?? ''
  if (!type.startsWith('application/json')) {
    answer(415, { message: `Only OTLP/JSON is decoded here, not ${type || 'an untyped body'}` })
    return
  }
  const chunks: Buffer[] = []
  let size = 0
  request.on('data', (chunk: Buffer) => {
    size += chunk.length
    if (size <= maxBodyBytes) chunks.push(chunk)
  })
  request.on('end', () => {
    try {
      if (size > maxBodyBytes) throw new Error(`a body over ${maxBodyBytes} bytes`)
      const raw = Buffer.concat(chunks)
      const text = (request.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8')
      keep(decodeOtlpJson(JSON.parse(text)))
      answer(200, {})
    } catch (error) {
      answer(400, { message: `Not an OTLP/JSON trace export: ${(error as Error).message}` })
    }
  })
}
