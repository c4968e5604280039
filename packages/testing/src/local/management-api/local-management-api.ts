import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { anyOf, aString, checkOptions, listOf, nonEmptyString } from '@tsumiki/core'
import { defaultRegion } from '../../aws-values/aws-defaults.js'

export interface LocalManagementApiOptions {
  /** Connection ids open from the start; more with `connect()`. */
  readonly connections?: readonly string[] | undefined
  /** A stage the endpoint's paths start with (`/production/@connections/...`), as on `https://<domain>/<stage>`. */
  readonly stage?: string | undefined
}

/** What the endpoint knows of a connection: what was posted to it, as text. */
export interface LocalConnection {
  readonly connectionId: string
  readonly connectedAtMs: number
  readonly messages: readonly string[]
}

/**
 * A local API Gateway Management API (`POST`, `GET`, `DELETE /@connections/{id}`) for the real
 * `ApiGatewayManagementApiClient`: point it at `endpoint`. An unknown or deleted connection is a 410 `GoneException`,
 * as API Gateway answers for a client that left.
 */
export interface LocalManagementApi {
  /** `http://127.0.0.1:<port>`, with `/<stage>` when one was given. */
  readonly endpoint: string
  readonly region: string
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string }
  /** Opens a connection (a fresh id unless given) and returns its id. */
  connect(connectionId?: string): string
  /** Closes a connection, as a client that leaves: posts to it are then 410. */
  disconnect(connectionId: string): void
  /** A connection, open or closed, with what was posted to it; undefined for an id never opened. */
  connection(connectionId: string): LocalConnection | undefined
  stop(): Promise<void>
}

interface ConnectionState {
  readonly connectionId: string
  readonly connectedAtMs: number
  readonly messages: string[]
  open: boolean
}

export async function startLocalManagementApi(
  options: LocalManagementApiOptions = {},
): Promise<LocalManagementApi> {
  checkOptions<LocalManagementApiOptions>('startLocalManagementApi()', options, {
    connections: listOf(nonEmptyString),
    stage: anyOf(aString),
  })
  const connections = new Map<string, ConnectionState>()
  const connect = (connectionId: string = `${randomUUID().slice(0, 13)}=`): string => {
    connections.set(connectionId, { connectionId, connectedAtMs: Date.now(), messages: [], open: true })
    return connectionId
  }
  for (const id of options.connections ?? []) connect(id)
  const prefix = options.stage === undefined || options.stage === '' ? '' : `/${options.stage}`

  const server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => send(response, answer(request, Buffer.concat(chunks))))
  })

  function answer(request: IncomingMessage, body: Buffer): Answer {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname
    const match = /^(.*)\/@connections\/([^/]+)$/.exec(path)
    if (match === null || match[1] !== prefix) {
      return { status: 404, errorType: 'NotFoundException', json: { message: `No route ${path}` } }
    }
    const connectionId = decodeURIComponent(match[2] ?? '')
    const connection = connections.get(connectionId)
    if (connection === undefined || !connection.open) {
      return {
        status: 410,
        errorType: 'GoneException',
        json: { message: `Connection ${connectionId} is gone` },
      }
    }
    switch (request.method) {
      case 'POST':
        connection.messages.push(body.toString('utf8'))
        return { status: 200, json: {} }
      case 'GET':
        return {
          status: 200,
          json: {
            connectedAt: new Date(connection.connectedAtMs).toISOString(),
            lastActiveAt: new Date().toISOString(),
            identity: { sourceIp: '127.0.0.1', userAgent: 'local' },
          },
        }
      case 'DELETE':
        connection.open = false
        return { status: 204 }
      default:
        return {
          status: 405,
          errorType: 'BadRequestException',
          json: { message: `No ${request.method} on @connections` },
        }
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    endpoint: `http://127.0.0.1:${port}${prefix}`,
    region: defaultRegion,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    connect,
    disconnect(connectionId) {
      const connection = connections.get(connectionId)
      if (connection !== undefined) connection.open = false
    },
    connection(connectionId) {
      const connection = connections.get(connectionId)
      return connection === undefined
        ? undefined
        : { connectionId, connectedAtMs: connection.connectedAtMs, messages: [...connection.messages] }
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      }),
  }
}

/** What the endpoint answers a request: a status, API Gateway's error type header for errors, a JSON body. */
interface Answer {
  readonly status: number
  readonly errorType?: string
  readonly json?: object
}

function send(response: ServerResponse, { status, errorType, json }: Answer): void {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-amzn-requestid': randomUUID(),
  }
  if (errorType !== undefined) headers['x-amzn-errortype'] = errorType
  response.writeHead(status, headers)
  response.end(json === undefined ? undefined : JSON.stringify(json))
}
