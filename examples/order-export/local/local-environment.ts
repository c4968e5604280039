import { randomUUID } from 'node:crypto'
import type { LocalAws, LocalDynamo } from '@tsumiki/testing'
import { ORDERS_BY_DAY_ATTRIBUTES, ORDERS_BY_DAY_INDEX } from '../src/orders-table.js'

/**
 * Creates the orders table (with its by-day index, as infra/stack.ts defines it) on the local DynamoDB, named
 * uniquely per call, and returns the function's environment. `aws` is not used: the function calls DynamoDB only.
 */
export async function prepareLocalEnvironment(services: {
  dynamo?: LocalDynamo
  aws?: LocalAws
}): Promise<Record<string, string>> {
  const { dynamo } = services
  if (dynamo === undefined)
    throw new Error('order-export needs a local DynamoDB: pass { dynamo: await startLocalDynamo() }')
  const ordersTableName = `orders-${randomUUID().slice(0, 8)}`
  await dynamo.createTable({
    TableName: ordersTableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: 'orderId', AttributeType: 'S' },
      { AttributeName: 'placedOn', AttributeType: 'S' },
    ],
    KeySchema: [{ AttributeName: 'orderId', KeyType: 'HASH' }],
    GlobalSecondaryIndexes: [
      {
        IndexName: ORDERS_BY_DAY_INDEX,
        KeySchema: [
          { AttributeName: 'placedOn', KeyType: 'HASH' },
          { AttributeName: 'orderId', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ORDERS_BY_DAY_ATTRIBUTES },
      },
    ],
  })
  return {
    ORDERS_TABLE: ordersTableName,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
  }
}
