import {
  IdempotencyConfig,
  makeIdempotent as powertoolsMakeIdempotent,
} from '@aws-lambda-powertools/idempotency'
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb'
import { DynamoDBClient, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb'
import { makeIdempotent } from '@tsumiki/idempotency'
import { type InMemoryDynamoDb, inMemoryDynamoDb } from './in-memory-dynamodb.js'

export interface Order {
  readonly id: string
  readonly sku: string
  readonly qty: number
}

export interface Contender {
  readonly call: (order: Order) => Promise<unknown>
  readonly dynamo: InMemoryDynamoDb
}

const table = 'idempotency'
const expiresAfterMs = 3_600_000

/** The core logic both libraries wrap: a small result, as an order API returns. */
function placeOrder(order: Order) {
  return { orderId: order.id, status: 'placed', lines: [{ sku: order.sku, qty: order.qty }] }
}

function clientOver(dynamo: InMemoryDynamoDb): DynamoDBClient {
  return new DynamoDBClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
    requestHandler: dynamo.requestHandler as never,
    maxAttempts: 1,
  })
}

export function tsumiki(localCache: boolean): Contender {
  const dynamo = inMemoryDynamoDb('id')
  const call = makeIdempotent(placeOrder, {
    table,
    client: clientOver(dynamo),
    expiresAfterMs,
    key: (order) => order.id,
    localCache,
  })
  return { call: (order) => call(order), dynamo }
}

export function powertools(localCache: boolean): Contender {
  const dynamo = inMemoryDynamoDb('id')
  const persistenceStore = new DynamoDBPersistenceLayer({
    tableName: table,
    awsSdkV3Client: clientOver(dynamo),
  })
  const call = powertoolsMakeIdempotent(async (order: Order) => placeOrder(order), {
    persistenceStore,
    config: new IdempotencyConfig({
      eventKeyJmesPath: 'id',
      expiresAfterSeconds: expiresAfterMs / 1000,
      useLocalCache: localCache,
    }),
  })
  return { call: (order) => call(order), dynamo }
}

/**
 * The floor: the same SDK requests with no library around them (a conditional PutItem, then an UpdateItem when
 * `complete`), so each library's own cost is its time minus this.
 */
export function sdkAlone(complete: boolean): Contender {
  const dynamo = inMemoryDynamoDb('id')
  const client = clientOver(dynamo)
  const call = async (order: Order) => {
    const Key = { id: { S: order.id } }
    try {
      await client.send(
        new PutItemCommand({
          TableName: table,
          Item: { ...Key, status: { S: 'IN_PROGRESS' } },
          ConditionExpression: 'attribute_not_exists(#id)',
          ExpressionAttributeNames: { '#id': 'id' },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      )
    } catch (error) {
      if ((error as Error).name !== 'ConditionalCheckFailedException') throw error
      return (error as { Item?: unknown }).Item
    }
    if (!complete) return undefined
    await client.send(
      new UpdateItemCommand({
        TableName: table,
        Key,
        UpdateExpression: 'SET #status = :completed, #result = :result',
        ExpressionAttributeNames: { '#status': 'status', '#result': 'result' },
        ExpressionAttributeValues: {
          ':completed': { S: 'COMPLETED' },
          ':result': { S: JSON.stringify(placeOrder(order)) },
        },
      }),
    )
    return placeOrder(order)
  }
  return { call, dynamo }
}
