import { http, isInvalidOptionError, lambda } from '@tsumiki/core'
import { parameters, ssm } from '@tsumiki/parameters'
import {
  captureLogs,
  events,
  invoke,
  type LocalAws,
  type LocalDynamo,
  startLocalAws,
  startLocalDynamo,
} from '@tsumiki/testing'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { idempotent } from '../../src/index.js'

// The real SDK client, counted: how many default clients (`new DynamoDBClient({})`) the store makes.
const made = vi.hoisted(() => ({ defaultClients: 0 }))
vi.mock('@aws-sdk/client-dynamodb', async (importOriginal) => {
  const sdk = await importOriginal<typeof import('@aws-sdk/client-dynamodb')>()
  class DynamoDBClient extends sdk.DynamoDBClient {
    constructor(...[config]: ConstructorParameters<typeof sdk.DynamoDBClient>) {
      super(config ?? {})
      if (config === undefined || Object.keys(config).length === 0) made.defaultClients++
    }
  }
  return { ...sdk, DynamoDBClient }
})

let aws: LocalAws
let dynamo: LocalDynamo
const savedEnv = { ...process.env }

beforeAll(async () => {
  aws = await startLocalAws({ parameters: { '/orders/idempotency-table': 'orders-idempotency' } })
  dynamo = await startLocalDynamo({ returnOldItemOnConditionFailure: true })
  await dynamo.createIdempotencyTable('orders-idempotency')
  await dynamo.createIdempotencyTable('other-idempotency')
  // The default clients reach the local endpoints through the SDK's own variables, as on Lambda they reach AWS.
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_SSM: aws.endpoint,
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    AWS_REGION: aws.region,
    AWS_ACCESS_KEY_ID: aws.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: aws.credentials.secretAccessKey,
    AWS_LAMBDA_FUNCTION_NAME: 'orders',
  })
})

afterAll(async () => {
  process.env = savedEnv
  await dynamo.stop()
  await aws.stop()
})

function post(key: string, table?: string) {
  return events.http('apiGatewayV2', {
    method: 'POST',
    path: '/orders',
    headers: { 'Idempotency-Key': key, ...(table === undefined ? {} : { 'x-table': table }) },
    body: { sku: 'tea' },
  })
}

describe('a table named by the request', () => {
  it('takes its name from parameters() (SSM), read at cold start: the records go to that table', async () => {
    let runs = 0
    const handler = lambda(http())
      .use(parameters({ idempotencyTable: ssm('/orders/idempotency-table') }))
      .use(idempotent({ table: (request) => request.params.idempotencyTable, expiresAfterMs: 60_000 }))
      .handle(() => ({ order: ++runs }))

    dynamo.resetCalls()
    const first = await invoke(handler, post('k-ssm'))
    const retry = await invoke(handler, post('k-ssm'))
    expect(first.statusCode).toBe(200)
    expect(retry).toEqual(first)
    expect(runs).toBe(1)
    expect(dynamo.calls('PutItem', 'orders-idempotency')).toBeGreaterThan(0)
    expect(dynamo.calls('PutItem', 'other-idempotency')).toBe(0)
  })

  it('keeps each table’s records apart, over one client made once', async () => {
    let runs = 0
    const before = made.defaultClients
    const handler = lambda(http())
      .use(
        idempotent({
          table: (request) => request.headers['x-table'] ?? 'orders-idempotency',
          expiresAfterMs: 60_000,
        }),
      )
      .handle(() => ({ order: ++runs }))

    await invoke(handler, post('k-shared', 'orders-idempotency'))
    await invoke(handler, post('k-shared', 'other-idempotency'))
    await invoke(handler, post('k-shared', 'orders-idempotency'))
    await invoke(handler, post('k-shared', 'other-idempotency'))
    expect(runs).toBe(2)
    expect(made.defaultClients - before).toBe(1)
  })

  it('fails the request, and writes nothing, when the function names no table', async () => {
    let runs = 0
    const handler = lambda(http())
      .use(idempotent({ table: () => '', expiresAfterMs: 60_000 }))
      .handle(() => ++runs)
    let thrown: unknown
    const checked = lambda(http())
      .use({
        name: 'keep-error',
        async handle(_request, next) {
          try {
            return await next()
          } catch (error) {
            thrown = error
            throw error
          }
        },
      })
      .use(idempotent({ table: () => '', expiresAfterMs: 60_000 }))
      .handle(() => ++runs)

    dynamo.resetCalls()
    const logs = captureLogs()
    try {
      expect((await invoke(handler, post('k-none'))).statusCode).toBe(500)
      await invoke(checked, post('k-none'))
    } finally {
      logs.stop()
    }
    expect(logs.lines).toEqual([
      expect.objectContaining({ level: 'ERROR', error: expect.objectContaining({ code: 'INVALID_OPTION' }) }),
      expect.objectContaining({ level: 'ERROR', error: expect.objectContaining({ code: 'INVALID_OPTION' }) }),
    ])
    expect(isInvalidOptionError(thrown)).toBe(true)
    expect((thrown as Error).message).toBe(
      `idempotent(): option 'table' must be a function returning a non-empty string, got ""`,
    )
    expect(runs).toBe(0)
    expect(dynamo.calls()).toBe(0)
  })
})
