import { once } from 'node:events'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { CreateTableCommandInput, DynamoDBClient, DynamoDBClientConfig } from '@aws-sdk/client-dynamodb'
import { checkOptions, trueOrFalse } from '@tsumiki/core'
import { Faults, type LocalAwsFaultKind } from '../aws/faults.js'
import { forward, type ProxyFront } from './dynamo-proxy.js'

export interface LocalDynamoOptions {
  /**
   * Answer a failed conditional write that asks for `ReturnValuesOnConditionCheckFailure: 'ALL_OLD'` with the item
   * that failed the condition, as real DynamoDB does. dynalite ignores the parameter, so without this option the
   * local endpoint behaves like a DynamoDB that never returns the old item. Default false.
   */
  readonly returnOldItemOnConditionFailure?: boolean | undefined
}

/** A dynalite on a free loopback port, with a real `@aws-sdk/client-dynamodb` client pointed at it. */
export interface LocalDynamo {
  /** `http://127.0.0.1:<port>`: what a client's `endpoint` option takes. */
  readonly endpoint: string
  /** Endpoint, region and fake credentials: `new DynamoDBClient(local.clientConfig)` talks to this instance. */
  readonly clientConfig: DynamoDBClientConfig
  /** A client for this instance (one per call; it is cheap and closes with `stop()`). */
  client(config?: DynamoDBClientConfig): DynamoDBClient
  /** Creates a table and resolves once it is active. */
  createTable(definition: CreateTableCommandInput): Promise<void>
  /** Creates a table with the layout @tsumiki/idempotency expects: partition key `id` (string). */
  createIdempotencyTable(name: string): Promise<void>
  /**
   * How many requests an operation received (all operations when none is named), on one table when `tableName` is
   * given. Requests made by `createTable()` are not counted.
   */
  calls(operation?: LocalDynamoOperation, tableName?: string): number
  /** Sets the call counters back to 0. */
  resetCalls(): void
  /** Adds a fault: error answers for an operation (on one table, or all), or latency. They add up until `clearFaults()`. */
  inject(fault: LocalDynamoFault): void
  clearFaults(): void
  /** Stops the servers and destroys the clients made by `client()`. Safe to call twice. */
  stop(): Promise<void>
}

/** DynamoDB operations by their name in `X-Amz-Target` (`DynamoDB_20120810.PutItem` → `PutItem`). */
export type LocalDynamoOperation =
  | 'GetItem'
  | 'PutItem'
  | 'UpdateItem'
  | 'DeleteItem'
  | 'Query'
  | 'Scan'
  | 'BatchGetItem'
  | 'BatchWriteItem'
  | 'TransactGetItems'
  | 'TransactWriteItems'
  | 'CreateTable'
  | 'DescribeTable'
  | 'DeleteTable'
  | 'UpdateTable'
  | 'UpdateTimeToLive'
  | 'ListTables'

/**
 * A fault for `localDynamo.inject()`: an error answer for the next `times` calls of an operation (every call until
 * `clearFaults()` without `times`), or latency added before every answer; either on one table when `tableName` is
 * given. `throttle` answers 400 ThrottlingException, `server-error` 500, `access-denied` 400 AccessDeniedException.
 */
export type LocalDynamoFault =
  | {
      readonly operation: LocalDynamoOperation
      readonly tableName?: string | undefined
      readonly fault: LocalAwsFaultKind
      readonly times?: number | undefined
    }
  | { readonly latencyMs: number; readonly operation?: LocalDynamoOperation; readonly tableName?: string }

interface DynaliteOptions {
  readonly createTableMs?: number
  readonly deleteTableMs?: number
  readonly updateTableMs?: number
}

type Dynalite = (options: DynaliteOptions) => Server

/**
 * Starts dynalite (an in-memory DynamoDB) on 127.0.0.1 with a free port, for tests that need real DynamoDB
 * semantics: conditions, consistent reads, errors as the SDK sees them. Stop it in the test's teardown.
 */
export async function startLocalDynamo(options: LocalDynamoOptions = {}): Promise<LocalDynamo> {
  checkOptions<LocalDynamoOptions>('startLocalDynamo()', options, {
    returnOldItemOnConditionFailure: trueOrFalse,
  })
  // Loaded here so that importing @tsumiki/testing costs nothing for tests that never start DynamoDB.
  // @ts-expect-error dynalite ships JavaScript without type declarations.
  const dynaliteModule = (await import('dynalite')) as { default: Dynalite }
  const sdk = await import('@aws-sdk/client-dynamodb')
  const dynalite = dynaliteModule.default({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 })
  const dynamoPort = await listenOnLoopback(dynalite)
  const faults = new Faults()
  let totalCalls = 0
  const callsByOperation = new Map<string, number>()
  // Per operation, then per table: a table name may hold any character, so no joined key.
  const callsByTable = new Map<string, Map<string, number>>()
  const increment = (counts: Map<string, number>, key: string) => counts.set(key, (counts.get(key) ?? 0) + 1)
  // Every request passes a proxy in front of dynalite: it counts calls, injects faults and, when asked, adds the
  // old item to a failed conditional write as real DynamoDB does.
  const front: ProxyFront = {
    returnOldItem: options.returnOldItemOnConditionFailure === true,
    faults,
    count(operation, tableName) {
      totalCalls++
      increment(callsByOperation, operation)
      if (tableName === undefined) return
      const tables = callsByTable.get(operation) ?? new Map<string, number>()
      callsByTable.set(operation, tables)
      increment(tables, tableName)
    },
  }
  const proxy = createServer((request, response) => {
    forward(dynamoPort, front, request, response).catch((error: unknown) => {
      response.destroy(error instanceof Error ? error : new Error(String(error)))
    })
  })
  const port = await listenOnLoopback(proxy)
  const servers: Server[] = [proxy, dynalite]
  const endpoint = `http://127.0.0.1:${port}`
  const clientConfig: DynamoDBClientConfig = {
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  }
  const clients: DynamoDBClient[] = []
  const client = (config: DynamoDBClientConfig = {}) => {
    const created = new sdk.DynamoDBClient({ ...clientConfig, ...config })
    clients.push(created)
    return created
  }
  // Table setup talks to dynalite directly, so that it is neither counted nor faulted.
  const admin = client({ endpoint: `http://127.0.0.1:${dynamoPort}` })
  const createTable = async (definition: CreateTableCommandInput) => {
    await admin.send(new sdk.CreateTableCommand(definition))
    for (;;) {
      const { Table } = await admin.send(new sdk.DescribeTableCommand({ TableName: definition.TableName }))
      if (Table?.TableStatus === 'ACTIVE') return
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
  }
  let stopped: Promise<void> | undefined
  return {
    endpoint,
    clientConfig,
    client,
    createTable,
    createIdempotencyTable: (name) =>
      createTable({
        TableName: name,
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    calls: (operation, tableName) => {
      if (operation === undefined) return totalCalls
      if (tableName === undefined) return callsByOperation.get(operation) ?? 0
      return callsByTable.get(operation)?.get(tableName) ?? 0
    },
    resetCalls: () => {
      totalCalls = 0
      callsByOperation.clear()
      callsByTable.clear()
    },
    inject: (fault) => faults.add(fault),
    clearFaults: () => faults.clear(),
    stop() {
      stopped ??= (async () => {
        for (const each of clients) each.destroy()
        for (const server of servers) {
          server.closeAllConnections?.()
          await new Promise<void>((resolve) => server.close(() => resolve()))
        }
      })()
      return stopped
    },
  }
}

async function listenOnLoopback(server: Server): Promise<number> {
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  return (server.address() as AddressInfo).port
}
