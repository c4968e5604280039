import { AppConfigDataClient } from '@aws-sdk/client-appconfigdata'
import {
  DynamoDBClient,
  GetItemCommand,
  ListTablesCommand,
  ScanCommand,
  type ScanCommandOutput,
} from '@aws-sdk/client-dynamodb'
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager'
import { SSMClient } from '@aws-sdk/client-ssm'
import { ttlEpochSecondsOf } from '@tsumiki/idempotency'
import {
  captureLogs,
  events,
  invoke,
  type LocalAws,
  type LocalDynamo,
  type LogCapture,
  startLocalAws,
  startLocalDynamo,
} from '@tsumiki/testing'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { emfProblems, isEmfLine } from '../../../test/support/emf-validator.js'
import { idempotencyKeyAttribute, idempotencyTtlAttribute } from '../infra/table-layout.js'
import {
  expressDeliveryFlag,
  flagsMaxAgeMs,
  localAllowedOrigin,
  localApiKey,
  localFlagsTarget,
  prepareLocalEnvironment,
} from '../local/local-environment.js'
import type { OrderStore } from '../src/core.js'
import { dynamoOrderStore } from '../src/dynamo-order-store.js'
import { readSettings } from '../src/settings.js'

type HandlerModule = typeof import('../src/handler.js')

const validOrder = { customerId: 'c-42', items: [{ sku: 'tsumiki-blocks', qty: 2 }] }

const postOrder = (init: { key?: string; apiKey?: string | null; body?: unknown } = {}) => {
  const headers: Record<string, string> = {}
  if (init.key !== undefined) headers['idempotency-key'] = init.key
  if (init.apiKey !== null) headers['x-api-key'] = init.apiKey ?? localApiKey
  return events.http('apiGatewayV2', {
    method: 'POST',
    path: '/orders',
    headers,
    body: init.body ?? validOrder,
  })
}

const bodyOf = (response: { body?: string }) => JSON.parse(response.body ?? '')

let dynamo: LocalDynamo
let aws: LocalAws
let env: Record<string, string>
let module: HandlerModule
let tables: DynamoDBClient
let ordersTable: string

beforeAll(async () => {
  // The proxy makes a failed claim come back with the record, as DynamoDB does (one request, not two).
  dynamo = await startLocalDynamo({ returnOldItemOnConditionFailure: true })
  aws = await startLocalAws()
  env = await prepareLocalEnvironment({ dynamo, aws })
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value)
  module = await import('../src/handler.js') // its parameters' init starts now: the cold start
  tables = dynamo.client()
  const { TableNames = [] } = await tables.send(new ListTablesCommand({}))
  ordersTable = TableNames.find((name) => name.startsWith('orders-') && name !== env.IDEMPOTENCY_TABLE) ?? ''
})

afterAll(async () => {
  vi.unstubAllEnvs()
  await dynamo?.stop()
  await aws?.stop()
})

let logs: LogCapture
beforeEach(() => {
  logs = captureLogs()
})
afterEach(() => {
  // Every metrics line a test made is valid EMF, by the validator written from the specification.
  for (const line of logs.raw.split(/(?<=\n)/).filter(isEmfLine)) expect(emfProblems(line), line).toEqual([])
  logs.stop()
})

/** The EMF lines among the captured ones: the metrics the invocations wrote. */
const emfLines = () => logs.lines.filter((line) => Object.hasOwn(line, '_aws'))

const scan = async (table: string): Promise<NonNullable<ScanCommandOutput['Items']>> =>
  (await tables.send(new ScanCommand({ TableName: table, ConsistentRead: true }))).Items ?? []

describe('the orders handler against the local DynamoDB, SSM and Secrets Manager', () => {
  it('reads the table name and the API key once, at cold start, and serves them warm', async () => {
    const cold = await invoke(module.handler, events.http('apiGatewayV2', { path: '/orders/none-yet' }))
    expect(cold.statusCode).toBe(404) // answered from the table whose name SSM gave
    expect([aws.calls('GetParameters'), aws.calls('GetSecretValue')]).toEqual([1, 1])

    const warm = await invoke(module.handler, postOrder({ key: 'warm-1' }))
    expect(warm.statusCode).toBe(201) // the API key from Secrets Manager matched
    expect([aws.calls('GetParameters'), aws.calls('GetSecretValue')]).toEqual([1, 1])
    expect(aws.calls('BatchGetSecretValue')).toBe(0)
    expect(logs.lines).toContainEqual(expect.objectContaining({ message: 'order placed', cold_start: false }))
  })

  it('places a valid order: 201, its location, the order in the table from SSM', async () => {
    const response = await invoke(module.handler, postOrder({ key: 'place-1' }))

    expect(response.statusCode).toBe(201)
    const order = bodyOf(response)
    expect(order).toMatchObject({ customerId: 'c-42', totalQty: 2 })
    expect(response.headers?.location).toBe(`/orders/${order.id}`)
    const { Item } = await tables.send(
      new GetItemCommand({ TableName: ordersTable, Key: { id: { S: order.id } }, ConsistentRead: true }),
    )
    expect(Item?.customerId).toEqual({ S: 'c-42' })
    expect(logs.lines).toContainEqual(
      expect.objectContaining({ level: 'INFO', message: 'order placed', orderId: order.id, totalQty: 2 }),
    )
    // One EMF line: the order placed, its items, and the answer's status class.
    const [placed, ...more] = emfLines()
    expect(more).toEqual([])
    expect(placed).toMatchObject({
      _aws: { CloudWatchMetrics: [{ Namespace: 'Shop', Dimensions: [['service']] }] },
      service: 'orders',
      ordersPlaced: 1,
      itemsOrdered: 2,
      orderId: order.id,
      Http2xx: 1,
      Http5xx: 0,
      IdempotencyFirstSight: 1,
    })

    const readBack = await invoke(
      module.handler,
      events.http('apiGatewayV2', { path: `/orders/${order.id}` }),
    )
    expect(readBack.statusCode).toBe(200)
    expect(bodyOf(readBack)).toEqual(order)
  })

  it('answers the same order sent again with the stored response, without running the core', async () => {
    const first = await invoke(module.handler, postOrder({ key: 'replay-1' }))
    logs.clear()
    const replay = await invoke(module.handler, postOrder({ key: 'replay-1' }))

    expect(replay.statusCode).toBe(201)
    expect(replay.body).toBe(first.body)
    expect(replay.headers?.location).toBe(first.headers?.location)
    expect(logs.lines.filter((line) => line.message === 'order placed')).toEqual([])
    // The replay is counted as a duplicate; no order placed.
    const [replayed] = emfLines()
    expect(replayed).toMatchObject({ IdempotencyDuplicates: 1, IdempotencyFirstSight: 0, Http2xx: 1 })
    expect(replayed).not.toHaveProperty('ordersPlaced')
    const placed = (await scan(ordersTable)).filter((item) => item.id?.S === bodyOf(first).id)
    expect(placed).toHaveLength(1)
  })

  it('records the key with the expiry attribute the stack sets TTL on, in epoch seconds', async () => {
    const before = Date.now()
    await invoke(module.handler, postOrder({ key: 'ttl-1' }))
    const after = Date.now()

    const records = await scan(env.IDEMPOTENCY_TABLE ?? '')
    expect(records.length).toBeGreaterThan(0)
    for (const item of records) {
      expect(item[idempotencyKeyAttribute]?.S).toMatch(/^my-function#[\w-]{43}$/) // function#sha256(key)
      const expiresAtMs = Number(item.expiresAtMs?.N)
      const ttl = Number(item[idempotencyTtlAttribute]?.N)
      expect(ttl).toBe(ttlEpochSecondsOf(expiresAtMs))
      // Seconds, not milliseconds: about a day ahead of now, never more.
      expect(ttl * 1000).toBeGreaterThan(after)
      expect(ttl * 1000).toBeLessThanOrEqual(after + module.idempotencyExpiresAfterMs + 1000)
    }
    const latest = Math.max(...records.map((item) => Number(item.expiresAtMs?.N)))
    expect(latest).toBeGreaterThanOrEqual(before + module.idempotencyExpiresAfterMs)
  })

  it('refuses the same key with another order (422) rather than answer it with the first one', async () => {
    await invoke(module.handler, postOrder({ key: 'mismatch-1' }))
    const other = await invoke(
      module.handler,
      postOrder({ key: 'mismatch-1', body: { ...validOrder, customerId: 'c-43' } }),
    )

    expect(other.statusCode).toBe(422)
    expect(bodyOf(other).error.message).toContain('different request payload')
  })

  it('answers 422 naming each invalid field, and keeps the key free for the corrected order', async () => {
    const invalid = await invoke(
      module.handler,
      postOrder({ key: 'fix-1', body: { customerId: '', items: [{ sku: 'a', qty: 0 }] } }),
    )

    expect(invalid.statusCode).toBe(422)
    const { error } = bodyOf(invalid)
    expect(error.type).toBe('validation')
    expect(error.issues.map((issue: { path: string }) => issue.path).sort()).toEqual([
      'body.customerId',
      'body.items[0].qty',
    ])
    // A client's mistake is an answer, not a failure: no ERROR line.
    expect(logs.lines.filter((line) => line.level === 'ERROR')).toEqual([])

    const corrected = await invoke(module.handler, postOrder({ key: 'fix-1' }))
    expect(corrected.statusCode).toBe(201)
  })

  it('answers 400 to a body that is not JSON', async () => {
    const response = await invoke(
      module.handler,
      events.http('apiGatewayV2', {
        method: 'POST',
        path: '/orders',
        headers: {
          'content-type': 'application/json',
          'x-api-key': localApiKey,
          'idempotency-key': 'json-1',
        },
        body: '{"customerId": ',
      }),
    )

    expect(response.statusCode).toBe(400)
    expect(bodyOf(response).error.message).toBe('body is not valid JSON')
  })

  it('answers 400 naming the Idempotency-Key header when it is missing', async () => {
    const response = await invoke(module.handler, postOrder())

    expect(response.statusCode).toBe(400)
    expect(bodyOf(response).error.message).toContain('Idempotency-Key')
  })

  it('answers 401 without the right x-api-key, before anything is claimed or saved, and never logs the key', async () => {
    const ordersBefore = (await scan(ordersTable)).length
    const recordsBefore = (await scan(env.IDEMPOTENCY_TABLE ?? '')).length

    const missing = await invoke(module.handler, postOrder({ key: 'auth-1', apiKey: null }))
    const wrong = await invoke(module.handler, postOrder({ key: 'auth-1', apiKey: `${localApiKey}x` }))

    expect([missing.statusCode, wrong.statusCode]).toEqual([401, 401])
    expect(bodyOf(wrong)).toEqual({
      error: { type: 'unauthorized', message: 'Missing or wrong x-api-key header' },
    })
    expect((await scan(ordersTable)).length).toBe(ordersBefore)
    expect((await scan(env.IDEMPOTENCY_TABLE ?? '')).length).toBe(recordsBefore)
    expect(logs.raw).not.toContain(localApiKey)
  })

  it('maps an unknown order to 404 and a method no route serves to 405', async () => {
    const unknown = await invoke(module.handler, events.http('apiGatewayV2', { path: '/orders/nope' }))
    const deleted = await invoke(
      module.handler,
      events.http('apiGatewayV2', { method: 'DELETE', path: '/orders' }),
    )

    expect(unknown.statusCode).toBe(404)
    expect(bodyOf(unknown)).toEqual({ error: { type: 'order_not_found', message: 'There is no order nope' } })
    expect(deleted.statusCode).toBe(405)
    expect(deleted.headers?.allow).toBe('OPTIONS, POST')
  })

  it('answers a CORS preflight from the shop, allowing the headers a POST needs', async () => {
    const response = await invoke(
      module.handler,
      events.http('apiGatewayV2', {
        method: 'OPTIONS',
        path: '/orders',
        headers: {
          origin: localAllowedOrigin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type, x-api-key, idempotency-key',
        },
      }),
    )

    expect(response.statusCode).toBe(204)
    expect(response.headers).toMatchObject({ 'access-control-allow-origin': localAllowedOrigin })
    expect(String(response.headers?.['access-control-allow-headers']).split(/,\s*/).sort()).toEqual([
      'content-type',
      'idempotency-key',
      'x-api-key',
    ])
  })
})

describe('two requests with one Idempotency-Key at the same time', () => {
  it('runs the core once: one gets 201, the other 409 with Retry-After while the first is still running', async () => {
    // A store whose first save waits until the test lets it go, so the first request holds the key for as long
    // as the test needs: no timing involved.
    let release = () => {}
    const held = new Promise<void>((resolve) => {
      release = resolve
    })
    let saves = 0
    const client = new DynamoDBClient({})
    const holdingStore = (tableName: string, signal: AbortSignal): OrderStore => {
      const real = dynamoOrderStore(client, tableName, signal)
      return {
        findOrder: real.findOrder,
        async saveOrder(order) {
          saves += 1
          await held
          await real.saveOrder(order)
        },
      }
    }
    const handler = module.createHandler(readSettings(process.env), {
      dynamo: client,
      ssm: new SSMClient({}),
      secretsManager: new SecretsManagerClient({}),
      appConfigData: new AppConfigDataClient({}),
      orderStore: holdingStore,
      newId: () => crypto.randomUUID(),
      nowMs: Date.now,
    })

    const both = [
      invoke(handler, postOrder({ key: 'race-1' })),
      invoke(handler, postOrder({ key: 'race-1' })),
    ]
    const firstDone = await Promise.race(both) // the one that lost the claim; the winner waits on `held`
    expect(firstDone.statusCode).toBe(409)
    expect(firstDone.headers?.['retry-after']).toMatch(/^\d+$/)
    expect(bodyOf(firstDone).error.type).toBe('idempotency_in_progress')

    release()
    const statuses = (await Promise.all(both)).map((response) => response.statusCode).sort()
    expect(statuses).toEqual([201, 409])
    expect(saves).toBe(1)

    const retried = await invoke(handler, postOrder({ key: 'race-1' }))
    expect(retried.statusCode).toBe(201)
    expect(saves).toBe(1)
    client.destroy()
  })
})

describe('the express-delivery feature flag', () => {
  it('is flipped in AppConfig and seen by the warm function after the poll interval, with no deploy', async () => {
    // One clock for the local AppConfig (its poll interval) and the function (its cache): no 15 s sleep.
    let nowMs = Date.now()
    const flagsAws = await startLocalAws({ now: () => nowMs })
    const flagsEnv = await prepareLocalEnvironment({ dynamo, aws: flagsAws })
    const clientConfig = {
      endpoint: flagsAws.endpoint,
      region: flagsAws.region,
      credentials: flagsAws.credentials,
    }
    const client = new DynamoDBClient({})
    const handler = module.createHandler(readSettings(flagsEnv), {
      dynamo: client,
      ssm: new SSMClient(clientConfig),
      secretsManager: new SecretsManagerClient(clientConfig),
      appConfigData: new AppConfigDataClient(clientConfig),
      orderStore: (tableName, signal) => dynamoOrderStore(client, tableName, signal),
      newId: () => crypto.randomUUID(),
      nowMs: () => nowMs,
    })
    let sent = 0
    const order = () => invoke(handler, postOrder({ key: `flag-${++sent}` }))
    try {
      const first = await order()
      expect(first.statusCode, first.body).toBe(201)
      expect(bodyOf(first).delivery).toBe('standard')

      flagsAws.setConfiguration(localFlagsTarget(flagsEnv), { [expressDeliveryFlag]: { enabled: true } })
      // Within the poll interval the function answers from the flags it holds, without a call.
      expect(bodyOf(await order()).delivery).toBe('standard')
      expect(flagsAws.calls('GetLatestConfiguration')).toBe(1)

      nowMs += flagsMaxAgeMs + 1_000
      // The first request after the interval may still be answered from memory while the flags are refreshed.
      await vi.waitFor(async () => expect(bodyOf(await order()).delivery).toBe('express'), {
        timeout: 20_000,
        interval: 100,
      })
      expect(flagsAws.calls('StartConfigurationSession')).toBe(1) // the same session: no restart, no deploy
      expect(logs.lines).toContainEqual(
        expect.objectContaining({ message: 'order placed', delivery: 'express' }),
      )
    } finally {
      client.destroy()
      await flagsAws.stop()
    }
  })
})
