import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb'
import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb'
import type { CustomerTotalsStore } from './core.js'

export interface CustomerTotalsTableOptions {
  readonly client: DynamoDBDocumentClient
  /** Partition key `customerId` (string). */
  readonly tableName: string
  /** The invocation's signal: a request still in flight at the deadline is aborted. */
  readonly signal?: AbortSignal
}

/**
 * The projection table as the core's `CustomerTotalsStore`: one item per customer with its counters, and per
 * order that ever touched it, the position of the last change applied (`position#<orderId>`). The counters and
 * that position move in one conditional `UpdateItem`, so a change is added exactly once: a redelivered record
 * fails the condition and changes nothing. An item grows by one attribute per order of the customer; a customer
 * with tens of thousands of orders would need the positions in items of their own.
 */
export function customerTotalsTable({
  client,
  tableName,
  signal,
}: CustomerTotalsTableOptions): CustomerTotalsStore {
  const options = signal === undefined ? {} : { abortSignal: signal }
  return {
    async apply(orderId, position, delta) {
      try {
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: { customerId: delta.customerId },
            UpdateExpression:
              'SET #position = :position ADD orderCount :orderCount, openCents :openCents, paidCents :paidCents',
            // Never applied for this order, or only changes before this one.
            ConditionExpression: 'attribute_not_exists(#position) OR #position < :position',
            ExpressionAttributeNames: { '#position': `position#${orderId}` },
            ExpressionAttributeValues: {
              ':position': position,
              ':orderCount': delta.orderCount,
              ':openCents': delta.openCents,
              ':paidCents': delta.paidCents,
            },
          }),
          options,
        )
        return 'applied'
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return 'already-applied'
        throw error
      }
    },
  }
}
