import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb'
import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb'
import type { CallOptions, ReportStore, StoredReport } from './nightly-report.js'

/**
 * Reports keyed by `day`. The put is conditional on the day having no report yet, so a retried or replayed run —
 * or two runs at once — leaves exactly one report per day: the first one's.
 */
export function reportsTable(client: DynamoDBDocumentClient, tableName: string): ReportStore {
  return {
    async saveOnce(report: StoredReport, options: CallOptions = {}) {
      try {
        await client.send(
          new PutCommand({
            TableName: tableName,
            Item: report,
            ConditionExpression: 'attribute_not_exists(#day)',
            ExpressionAttributeNames: { '#day': 'day' },
          }),
          { abortSignal: options.signal },
        )
        return 'saved'
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return 'exists'
        throw error
      }
    },
  }
}
