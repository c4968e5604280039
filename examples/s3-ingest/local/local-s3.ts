import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** A stored object: its bytes and content type. */
export interface LocalS3Object {
  readonly body: Buffer
  readonly contentType: string
}

/**
 * The two S3 operations the function uses, GetObject and PutObject, over path-style URLs
 * (`/{bucket}/{key}`, what the SDK sends to an IP endpoint), answered in S3's REST-XML error format so the real
 * `@aws-sdk/client-s3` throws its own errors (`NoSuchKey`, `NoSuchBucket`). Signatures are not checked.
 */
export interface LocalS3 {
  readonly endpoint: string
  createBucket(name: string): void
  putObject(bucket: string, key: string, body: string | Buffer, contentType?: string): void
  getObject(bucket: string, key: string): LocalS3Object | undefined
  /** Keys in a bucket, sorted. */
  keys(bucket: string): string[]
  /** Requests received, as `GET bucket/key` / `PUT bucket/key`. */
  readonly requests: readonly string[]
  stop(): Promise<void>
}

export async function startLocalS3(): Promise<LocalS3> {
  const buckets = new Map<string, Map<string, LocalS3Object>>()
  const requests: string[] = []

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      sendError(response, 500, 'InternalError', String(error))
    })
  })

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://localhost')
    const [, bucketName = '', ...keyParts] = url.pathname.split('/')
    const bucket = decodeURIComponent(bucketName)
    const key = keyParts.map(decodeURIComponent).join('/')
    const body = await readBody(request)
    requests.push(`${request.method} ${bucket}/${key}`)
    const objects = buckets.get(bucket)
    if (objects === undefined)
      return sendError(response, 404, 'NoSuchBucket', 'The specified bucket does not exist')
    if (key === '') return sendError(response, 501, 'NotImplemented', 'Only object operations are served')
    if (request.method === 'PUT') {
      objects.set(key, { body, contentType: request.headers['content-type'] ?? 'binary/octet-stream' })
      response.writeHead(200, { ETag: `"${body.length}"` }).end()
      return
    }
    if (request.method === 'GET') {
      const object = objects.get(key)
      if (object === undefined)
        return sendError(response, 404, 'NoSuchKey', 'The specified key does not exist.')
      response
        .writeHead(200, {
          'Content-Type': object.contentType,
          'Content-Length': String(object.body.length),
          ETag: `"${object.body.length}"`,
        })
        .end(object.body)
      return
    }
    sendError(response, 405, 'MethodNotAllowed', `${request.method} is not served`)
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  return {
    endpoint: `http://127.0.0.1:${port}`,
    createBucket(name) {
      if (!buckets.has(name)) buckets.set(name, new Map())
    },
    putObject(bucket, key, body, contentType = 'application/x-ndjson') {
      const objects = buckets.get(bucket)
      if (objects === undefined) throw new Error(`No bucket ${bucket}`)
      objects.set(key, { body: Buffer.from(body), contentType })
    },
    getObject: (bucket, key) => buckets.get(bucket)?.get(key),
    keys: (bucket) => [...(buckets.get(bucket)?.keys() ?? [])].sort(),
    requests,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close((error) => (error ? reject(error) : resolve()))
      }),
  }
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

function sendError(response: ServerResponse, status: number, code: string, message: string): void {
  response
    .writeHead(status, { 'Content-Type': 'application/xml' })
    .end(
      `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`,
    )
}
