import { importOptionalPeer } from '../../options/import-optional-peer.js'
import { isRecord } from '../http/read-query.js'

/** The part of an `ApiGatewayManagementApiClient` (`@aws-sdk/client-apigatewaymanagementapi` v3) that is used. */
export interface ManagementApiClient {
  send(command: never, options?: { abortSignal?: AbortSignal }): Promise<unknown>
}

/** Where a connection is: what a `webSocket()` request has, or the same named by hand (a connection id kept earlier). */
export interface ConnectionAddress {
  readonly connectionId: string
  readonly domainName: string
  readonly stage: string
}

export interface PostToConnectionOptions {
  /** Default `https://<domainName>/<stage>`; a custom domain's base path mapping has its own. */
  readonly endpoint?: string | undefined
  /** Default: an `ApiGatewayManagementApiClient` per endpoint, made on first use with the function's region. */
  readonly client?: ManagementApiClient | undefined
  /** Pass `request.signal`, so a post stops when the deadline guard fires. */
  readonly signal?: AbortSignal | undefined
}

/** Sent, or the connection is gone (API Gateway's 410 `GoneException`): a client that left is an answer, not a fault. */
export type PostResult = { readonly sent: true } | { readonly sent: false; readonly gone: true }

interface ManagementApiModule {
  readonly ApiGatewayManagementApiClient: new (config: { endpoint: string }) => ManagementApiClient
  readonly PostToConnectionCommand: new (input: { ConnectionId: string; Data: Uint8Array }) => unknown
}

// One client per endpoint, for the life of the process: a warm function reuses its connections.
const clients = /* @__PURE__ */ new Map<string, ManagementApiClient>()

/**
 * Posts `data` (text, bytes, or anything else as its JSON) to a WebSocket connection through the API Gateway
 * Management API (`PostToConnection`). A connection that is gone answers `{ sent: false, gone: true }`; any other
 * failure is thrown. Needs `@aws-sdk/client-apigatewaymanagementapi` (an optional peer) unless a client is given,
 * and `execute-api:ManageConnections` on the API's `@connections` ARN.
 */
export async function postToConnection(
  to: ConnectionAddress,
  data: unknown,
  options: PostToConnectionOptions = {},
): Promise<PostResult> {
  const endpoint = options.endpoint ?? `https://${to.domainName}/${to.stage}`
  const module = await importOptionalPeer(
    '@aws-sdk/client-apigatewaymanagementapi',
    'Posting to a WebSocket connection',
    () => import('./management-api-sdk.js') as Promise<ManagementApiModule>,
  )
  let client = options.client ?? clients.get(endpoint)
  if (client === undefined) {
    client = new module.ApiGatewayManagementApiClient({ endpoint })
    clients.set(endpoint, client)
  }
  const bytes =
    data instanceof Uint8Array
      ? data
      : Buffer.from(typeof data === 'string' ? data : JSON.stringify(data), 'utf8')
  const command = new module.PostToConnectionCommand({ ConnectionId: to.connectionId, Data: bytes })
  try {
    await client.send(
      command as never,
      options.signal === undefined ? undefined : { abortSignal: options.signal },
    )
    return { sent: true }
  } catch (error) {
    if (isGone(error)) return { sent: false, gone: true }
    throw error
  }
}

function isGone(error: unknown): boolean {
  if (!isRecord(error)) return false
  const metadata = error.$metadata
  return error.name === 'GoneException' || (isRecord(metadata) && metadata.httpStatusCode === 410)
}
