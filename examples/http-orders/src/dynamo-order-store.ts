import { type DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb'
import type { OrderStore } from './core.js'
import { orderFromItem, orderKey, orderKeyAttribute, orderToItem } from './order-item.js'

/**
 * The core's `OrderStore` on a DynamoDB table. The table's name comes from SSM, so a store is made per request
 * (a plain object over the one client made at module load); `signal` stops a call at the deadline guard.
 */
export function dynamoOrderStore(
  client: DynamoDBClient,
  tableName: string,
  signal?: AbortSignal,
): OrderStore {
  return {
    async saveOrder(order) {
      await client.send(
        new PutItemCommand({
          TableName: tableName,
          Item: orderToItem(order),
          // An id made twice must fail loudly rather than replace someone's order.
          ConditionExpression: 'attribute_not_exists(#id)',
          ExpressionAttributeNames: { '#id': orderKeyAttribute },
        }),
        { abortSignal: signal },
      )
    },
    async findOrder(id) {
      const { Item } = await client.send(
        // Consistent: a client reading back the order it was just answered for must find it.
        new GetItemCommand({ TableName: tableName, Key: orderKey(id), ConsistentRead: true }),
        { abortSignal: signal },
      )
      return Item === undefined ? undefined : orderFromItem(Item)
    },
  }
}
