import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb'
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb'
import type { Shipment, ShipmentStore } from './core.js'

export interface ShipmentsTableOptions {
  readonly client: DynamoDBDocumentClient
  /** Partition key `orderId` (string). */
  readonly tableName: string
  /** The invocation's signal: a request still in flight at the deadline is aborted. */
  readonly signal?: AbortSignal
}

/** The shipments table as the core's `ShipmentStore`: one item per order, written once. */
export function shipmentsTable({ client, tableName, signal }: ShipmentsTableOptions): ShipmentStore {
  const options = signal === undefined ? {} : { abortSignal: signal }
  const find = async (orderId: string): Promise<Shipment | undefined> => {
    const { Item } = await client.send(
      new GetCommand({ TableName: tableName, Key: { orderId }, ConsistentRead: true }),
      options,
    )
    return Item === undefined ? undefined : (Item as Shipment)
  }
  return {
    find,
    async saveFirst(shipment) {
      try {
        await client.send(
          new PutCommand({
            TableName: tableName,
            Item: shipment,
            // Two messages of one order racing: the first write wins, the second answers it.
            ConditionExpression: 'attribute_not_exists(orderId)',
          }),
          options,
        )
        return shipment
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error
        const stored = await find(shipment.orderId)
        if (stored === undefined) throw error
        return stored
      }
    },
  }
}
