import type { AttributeValue, DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { awsClientMade, importOptionalPeer } from '@tsumiki/core'
import { IdempotencyResultTooLargeError } from '../errors/idempotency-result-too-large-error.js'
import {
  claimConditionExpression,
  claimConditionNames,
  type IdempotencyRecord,
  type RecordStatus,
} from '../storage/claim.js'
import type { ClaimOutcome, CompletedFields, IdempotencyStore } from '../storage/store.js'

type Item = Record<string, AttributeValue>
type Sdk = typeof import('./dynamodb-sdk.js')

export interface DynamoStoreOptions {
  readonly table: string
  /** Your client (any configuration, or `aws-sdk-client-mock`'s). Default: `new DynamoDBClient({})`. */
  readonly client?: DynamoDBClient | undefined
}

/** DynamoDB's TTL attribute must be epoch seconds; every other time here is milliseconds. */
export function ttlEpochSecondsOf(expiresAtMs: number): number {
  return Math.ceil(expiresAtMs / 1000)
}

/**
 * The DynamoDB transport: the records of claim.ts as items, the claim rule as a condition expression, and one SDK
 * call per operation. Loads `@aws-sdk/client-dynamodb` on first use (it is an optional peer dependency: the memory
 * store does not need it).
 */
export function dynamoStore(options: DynamoStoreOptions): IdempotencyStore {
  return dynamoTables(options.client).storeOf(options.table)
}

type Connection = () => Promise<{ readonly sdk: Sdk; readonly client: DynamoDBClient }>

/** The stores of any number of tables, over one client made once (the SDK loaded on first use, or by `warm`). */
export interface DynamoTables {
  /** The store of this table: made on first use, then the same one. */
  storeOf(table: string): IdempotencyStore
  /** Loads the SDK and makes the client. */
  warm(): Promise<void>
}

export function dynamoTables(client: DynamoDBClient | undefined): DynamoTables {
  let loaded: ReturnType<Connection> | undefined
  const connect: Connection = () => {
    loaded ??= importOptionalPeer(
      '@aws-sdk/client-dynamodb',
      'The DynamoDB idempotency store',
      () => import('./dynamodb-sdk.js'),
    ).then(
      (sdk) => ({ sdk, client: client ?? awsClientMade(new sdk.DynamoDBClient({})) }),
      (error: unknown) => {
        loaded = undefined
        throw error
      },
    )
    return loaded
  }
  const stores = new Map<string, IdempotencyStore>()
  return {
    storeOf(table) {
      let store = stores.get(table)
      if (store === undefined) {
        store = tableStore(table, connect)
        stores.set(table, store)
      }
      return store
    },
    async warm() {
      await connect()
    },
  }
}

function tableStore(table: string, load: Connection): IdempotencyStore {
  return {
    async warm() {
      await load()
    },

    checkRecord(record) {
      const itemBytes = itemSizeBytes(record)
      if (itemBytes > maxItemBytes) throw new IdempotencyResultTooLargeError(itemBytes, maxItemBytes)
    },

    async claim(record, nowMs, signal): Promise<ClaimOutcome> {
      const { sdk, client } = await load()
      try {
        await client.send(
          new sdk.PutItemCommand({
            TableName: table,
            Item: itemOf(record),
            ConditionExpression: claimConditionExpression,
            ExpressionAttributeNames: claimConditionNames,
            ExpressionAttributeValues: {
              ':nowMs': { N: String(nowMs) },
              ':inProgress': { S: 'IN_PROGRESS' },
            },
            // Real DynamoDB then returns the record in the way with the failure, which saves a read.
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
          { abortSignal: signal },
        )
        return { claimed: true }
      } catch (error) {
        if (!isConditionFailure(error)) throw error
        return { claimed: false, existing: error.Item === undefined ? undefined : recordOf(error.Item) }
      }
    },

    async read(id, signal) {
      const { sdk, client } = await load()
      const { Item } = await client.send(
        new sdk.GetItemCommand({ TableName: table, Key: { id: { S: id } }, ConsistentRead: true }),
        { abortSignal: signal },
      )
      return Item === undefined ? undefined : recordOf(Item)
    },

    async complete(id, claimToken, fields: CompletedFields, signal) {
      const { sdk, client } = await load()
      try {
        await client.send(
          new sdk.UpdateItemCommand({
            TableName: table,
            Key: { id: { S: id } },
            UpdateExpression:
              'SET #status = :completed, #result = :result, #expiresAtMs = :expiresAtMs, #ttl = :ttl REMOVE #inProgressUntilMs',
            ConditionExpression: '#claimToken = :claimToken',
            ExpressionAttributeNames: {
              '#status': 'status',
              '#result': 'result',
              '#expiresAtMs': 'expiresAtMs',
              '#ttl': 'ttlEpochSeconds',
              '#inProgressUntilMs': 'inProgressUntilMs',
              '#claimToken': 'claimToken',
            },
            ExpressionAttributeValues: {
              ':completed': { S: 'COMPLETED' },
              ':result': { S: fields.result },
              ':expiresAtMs': { N: String(fields.expiresAtMs) },
              ':ttl': { N: String(ttlEpochSecondsOf(fields.expiresAtMs)) },
              ':claimToken': { S: claimToken },
            },
          }),
          { abortSignal: signal },
        )
        return true
      } catch (error) {
        if (isConditionFailure(error)) return false
        throw error
      }
    },

    async release(id, claimToken, signal) {
      const { sdk, client } = await load()
      try {
        await client.send(
          new sdk.DeleteItemCommand({
            TableName: table,
            Key: { id: { S: id } },
            ConditionExpression: '#claimToken = :claimToken',
            ExpressionAttributeNames: { '#claimToken': 'claimToken' },
            ExpressionAttributeValues: { ':claimToken': { S: claimToken } },
          }),
          { abortSignal: signal },
        )
      } catch (error) {
        // The claim was retaken by someone else after its deadline: it is theirs now, not ours to delete.
        if (!isConditionFailure(error)) throw error
      }
    },
  }
}

function isConditionFailure(error: unknown): error is { name: string; Item?: Item } {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException'
}

/** DynamoDB's item size limit. */
// 400 * 1024, written out: a bundler keeps a top-level product it did not fold.
export const maxItemBytes = 409_600

/** Stored size of a record's item, as DynamoDB counts it (UTF-8 names and values) against its 400 KB limit. */
function itemSizeBytes(record: IdempotencyRecord): number {
  let bytes = 0
  for (const [name, value] of Object.entries(itemOf(record))) {
    bytes += Buffer.byteLength(name) + Buffer.byteLength(value.S ?? value.N ?? '')
  }
  return bytes
}

function itemOf(record: IdempotencyRecord): Item {
  const item: Item = {
    id: { S: record.id },
    status: { S: record.status },
    expiresAtMs: { N: String(record.expiresAtMs) },
    ttlEpochSeconds: { N: String(ttlEpochSecondsOf(record.expiresAtMs)) },
    claimToken: { S: record.claimToken },
  }
  if (record.inProgressUntilMs !== undefined) item.inProgressUntilMs = { N: String(record.inProgressUntilMs) }
  if (record.payloadHash !== undefined) item.payloadHash = { S: record.payloadHash }
  if (record.result !== undefined) item.result = { S: record.result }
  return item
}

function recordOf(item: Item): IdempotencyRecord {
  return {
    id: item.id?.S ?? '',
    status: (item.status?.S ?? 'IN_PROGRESS') as RecordStatus,
    expiresAtMs: Number(item.expiresAtMs?.N ?? 0),
    inProgressUntilMs: item.inProgressUntilMs?.N === undefined ? undefined : Number(item.inProgressUntilMs.N),
    payloadHash: item.payloadHash?.S,
    result: item.result?.S,
    claimToken: item.claimToken?.S ?? '',
  }
}
