import { randomUUID } from 'node:crypto'
import type { LocalAws, LocalDynamo } from '@tsumiki/testing'
import { ORDERS_BY_DAY_ATTRIBUTES, ORDERS_BY_DAY_INDEX } from '../src/orders-table.js'

/**
 * Creates the orders table (with its by-day index, as infra/stack.ts defines it) and the reports table on the
 * local DynamoDB, with names unique per call, and returns the function's environment. `aws` is not used: the
 * function calls DynamoDB only.
 */
export async function prepareLocalEnvironment(services: {
  dynamo?: LocalDynamo
  aws?: LocalAws
}): Promise<Record<string, string>> {
  const { dynamo } = services
  if (dynamo === undefined)
    throw new Error('nightly-report needs a local DynamoDB: pass { dynamo: await startLocalDynamo() }')
  const suffix = randomUUID().slice(0, 8)
  const ordersTableName = `orders-${suffix}`
  const reportsTableName = `daily-reports-${suffix}`
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
  await dynamo.createTable({
    TableName: reportsTableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: 'day', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'day', KeyType: 'HASH' }],
  })
  return {
    ORDERS_TABLE: ordersTableName,
    REPORTS_TABLE: reportsTableName,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
  }
}
