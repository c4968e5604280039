import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb'
import type { CallOptions, OrdersSource } from './nightly-report.js'

/** The orders table's index by day: partition key `placedOn` (`YYYY-MM-DD`), sort key `orderId`. */
export const ORDERS_BY_DAY_INDEX = 'byDay'
/** The attributes the index projects besides its keys: what the report reads. */
export const ORDERS_BY_DAY_ATTRIBUTES = ['status', 'totalCents']

/** Queries the by-day index, every page of it (a page stops at 1 MB); never a Scan of the table. */
export function ordersTable(client: DynamoDBDocumentClient, tableName: string): OrdersSource {
  return {
    async ordersPlacedOn(day: string, options: CallOptions = {}) {
      const records: Record<string, unknown>[] = []
      let startKey: Record<string, unknown> | undefined
      do {
        const page = await client.send(
          new QueryCommand({
            TableName: tableName,
            IndexName: ORDERS_BY_DAY_INDEX,
            KeyConditionExpression: '#placedOn = :day',
            ExpressionAttributeNames: { '#placedOn': 'placedOn' },
            ExpressionAttributeValues: { ':day': day },
            ExclusiveStartKey: startKey,
          }),
          { abortSignal: options.signal },
        )
        records.push(...(page.Items ?? []))
        startKey = page.LastEvaluatedKey
      } while (startKey !== undefined)
      return records
    },
  }
}
