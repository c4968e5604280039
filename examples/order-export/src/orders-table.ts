import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb'

/** The orders table's index by day: partition key `placedOn` (`YYYY-MM-DD`), sort key `orderId`. */
export const ORDERS_BY_DAY_INDEX = 'byDay'
/** The attributes the index projects besides its keys: what the export reads. */
export const ORDERS_BY_DAY_ATTRIBUTES = ['status', 'totalCents']
/** Orders per Query page: each page is one chunk of the answer, sent while the next is read. */
export const ORDERS_PER_PAGE = 100

export interface OrderPages {
  /** The day's orders, a page at a time, as DynamoDB returns them; stops when `signal` aborts. */
  ordersPlacedOn(day: string, signal?: AbortSignal): AsyncIterable<readonly Record<string, unknown>[]>
}

/** Queries the by-day index page by page (never a Scan), yielding each page as it arrives. */
export function ordersTable(client: DynamoDBDocumentClient, tableName: string): OrderPages {
  return {
    async *ordersPlacedOn(day, signal) {
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
            Limit: ORDERS_PER_PAGE,
          }),
          { abortSignal: signal },
        )
        yield page.Items ?? []
        startKey = page.LastEvaluatedKey
      } while (startKey !== undefined)
    },
  }
}
