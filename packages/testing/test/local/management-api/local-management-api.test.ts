import {
  ApiGatewayManagementApiClient,
  DeleteConnectionCommand,
  GetConnectionCommand,
  GoneException,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi'
import { lambda, postToConnection, webSocket, webSocketRoutes } from '@tsumiki/core'
import { afterEach, describe, expect, it } from 'vitest'
import {
  createContext,
  events,
  type LocalManagementApi,
  startLocalManagementApi,
} from '../../../src/index.js'

let api: LocalManagementApi | undefined
afterEach(async () => {
  await api?.stop()
  api = undefined
})

function clientOf(local: LocalManagementApi): ApiGatewayManagementApiClient {
  return new ApiGatewayManagementApiClient({
    endpoint: local.endpoint,
    region: local.region,
    credentials: local.credentials,
  })
}

describe('startLocalManagementApi()', () => {
  it('takes PostToConnection, GetConnection and DeleteConnection from the real client, under a stage', async () => {
    api = await startLocalManagementApi({ connections: ['abc='], stage: 'production' })
    expect(api.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/production$/)
    const client = clientOf(api)
    await client.send(new PostToConnectionCommand({ ConnectionId: 'abc=', Data: Buffer.from('hello') }))
    expect(api.connection('abc=')?.messages).toEqual(['hello'])
    const info = await client.send(new GetConnectionCommand({ ConnectionId: 'abc=' }))
    expect(info.ConnectedAt).toBeInstanceOf(Date)
    await client.send(new DeleteConnectionCommand({ ConnectionId: 'abc=' }))
    await expect(
      client.send(new PostToConnectionCommand({ ConnectionId: 'abc=', Data: Buffer.from('again') })),
    ).rejects.toBeInstanceOf(GoneException)
  })

  it('answers an id never connected with 410 GoneException', async () => {
    api = await startLocalManagementApi()
    const error = await clientOf(api)
      .send(new PostToConnectionCommand({ ConnectionId: 'nobody', Data: Buffer.from('x') }))
      .catch((thrown: unknown) => thrown)
    expect(error).toBeInstanceOf(GoneException)
    expect((error as GoneException).$metadata.httpStatusCode).toBe(410)
  })
})

describe('postToConnection() against it', () => {
  it('posts text, bytes and JSON, and reports a connection gone as { sent: false, gone: true }', async () => {
    api = await startLocalManagementApi({ stage: 'production' })
    const local = api
    const open = local.connect()
    const left = local.connect()
    local.disconnect(left)
    const client = clientOf(local)
    const to = { domainName: 'unused', stage: 'production' }
    const options = { endpoint: local.endpoint, client }
    await expect(postToConnection({ ...to, connectionId: open }, 'text', options)).resolves.toEqual({
      sent: true,
    })
    await expect(
      postToConnection({ ...to, connectionId: open }, new TextEncoder().encode('bytes'), options),
    ).resolves.toEqual({
      sent: true,
    })
    await expect(postToConnection({ ...to, connectionId: open }, { n: 1 }, options)).resolves.toEqual({
      sent: true,
    })
    await expect(postToConnection({ ...to, connectionId: left }, 'x', options)).resolves.toEqual({
      sent: false,
      gone: true,
    })
    expect(local.connection(open)?.messages).toEqual(['text', 'bytes', '{"n":1}'])
  })

  it('lets a route post back to its own connection from the request', async () => {
    api = await startLocalManagementApi({ stage: 'production' })
    const local = api
    const connectionId = local.connect()
    const client = clientOf(local)
    const handler = lambda(webSocket()).handle(
      webSocketRoutes().route('sendMessage', (route) =>
        route.handle(async (request) => {
          const result = await postToConnection(
            request,
            { echo: request.body },
            {
              endpoint: local.endpoint,
              client,
              signal: request.signal,
            },
          )
          return result
        }),
      ),
    )
    const event = events.webSocket('sendMessage', { requestContext: { connectionId }, body: 'hi' })
    await expect(handler(event as never, createContext())).resolves.toEqual({
      statusCode: 200,
      body: '{"sent":true}',
    })
    expect(local.connection(connectionId)?.messages).toEqual(['{"echo":"hi"}'])
  })

  it('makes its own client from the SDK when none is given', async () => {
    api = await startLocalManagementApi()
    const connectionId = api.connect()
    process.env.AWS_REGION ??= api.region
    process.env.AWS_ACCESS_KEY_ID ??= 'local'
    process.env.AWS_SECRET_ACCESS_KEY ??= 'local'
    await expect(
      postToConnection({ connectionId, domainName: 'unused', stage: '' }, 'hi', { endpoint: api.endpoint }),
    ).resolves.toEqual({ sent: true })
    expect(api.connection(connectionId)?.messages).toEqual(['hi'])
  })
})
