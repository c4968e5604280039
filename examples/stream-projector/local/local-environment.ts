import { randomUUID } from 'node:crypto'
import { events, type LocalAws, type LocalDynamo } from '@tsumiki/testing'
import type { DynamoDBStreamEvent } from 'aws-lambda'

/**
 * Creates what the projector needs on the local services (the customer totals table on `dynamo`, the dead-letter
 * queue on `aws`), under names unique to this call, and answers the function's whole environment: its settings,
 * `AWS_REGION`, fake credentials and the local endpoints. The orders table itself is not made: the function never
 * reads it, and the local DynamoDB has no streams (tests build stream events with `events.dynamodbStream()`).
 */
export async function prepareLocalEnvironment(services: {
  dynamo?: LocalDynamo
  aws?: LocalAws
}): Promise<Record<string, string>> {
  const { dynamo, aws } = services
  if (dynamo === undefined || aws === undefined) {
    throw new Error(
      'The stream-projector needs both the local DynamoDB (dynamo) and the local AWS endpoint (aws)',
    )
  }
  const suffix = randomUUID().slice(0, 8)
  const projectionTable = `customer-totals-${suffix}`
  await dynamo.createTable({
    TableName: projectionTable,
    AttributeDefinitions: [{ AttributeName: 'customerId', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'customerId', KeyType: 'HASH' }],
    BillingMode: 'PAY_PER_REQUEST',
  })
  const deadLetterQueue = aws.createQueue(`order-projection-dlq-${suffix}`)
  return {
    PROJECTION_TABLE: projectionTable,
    DEAD_LETTER_QUEUE_URL: deadLetterQueue.url,
    AWS_REGION: aws.region,
    AWS_ACCESS_KEY_ID: aws.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: aws.credentials.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    AWS_ENDPOINT_URL_SQS: aws.endpoint,
  }
}

/** The name of a queue URL's queue, e.g. to read the dead-letter queue with `aws.queue(name)`. */
export function queueNameOf(queueUrl: string): string {
  return queueUrl.slice(queueUrl.lastIndexOf('/') + 1)
}

/** The customer totals the projection table holds after `sampleStreamBatch()`, by customer. */
export const sampleStreamTotals = {
  'c-1': { orderCount: 2, openCents: 1_000, paidCents: 2_500 },
  'c-2': { orderCount: 0, openCents: 0, paidCents: 0 },
} as const

/** Where the poison record sits in `sampleStreamBatch().Records`. */
export const samplePoisonRecordIndex = 4

/**
 * Six records of the orders table's stream, for two customers:
 *
 * 0. INSERT o-1 (customer c-1, open, 2500 cents)
 * 1. INSERT o-2 (customer c-2, open, 4000 cents)
 * 2. MODIFY o-1: open → paid
 * 3. MODIFY o-2: open → cancelled
 * 4. INSERT o-3 whose new image has `totalCents: -5` and no `customerId`: a poison record
 * 5. INSERT o-4 (customer c-1, open, 1000 cents)
 *
 * Invoking the projector with it answers `{ batchItemFailures: [] }`: the poison record is parked on the
 * dead-letter queue (one message, `source: 'dynamodb'`, `recordId` = that record's
 * `dynamodb.SequenceNumber`, `error.code` =
 * `VALIDATION_FAILED`) and the shard moves past it; the projection table holds `sampleStreamTotals` (c-1: 2
 * orders, 1000 open, 2500 paid; c-2: its one order cancelled, all zero). Invoking it again (the stream delivering
 * the batch again) changes no total: every position is already applied; the poison record is parked once more.
 */
export function sampleStreamBatch(): DynamoDBStreamEvent {
  const open1 = { orderId: 'o-1', customerId: 'c-1', status: 'open', totalCents: 2_500 }
  const open2 = { orderId: 'o-2', customerId: 'c-2', status: 'open', totalCents: 4_000 }
  return events.dynamodbStream([
    { keys: { orderId: 'o-1' }, newItem: open1 },
    { keys: { orderId: 'o-2' }, newItem: open2 },
    { keys: { orderId: 'o-1' }, oldItem: open1, newItem: { ...open1, status: 'paid' } },
    { keys: { orderId: 'o-2' }, oldItem: open2, newItem: { ...open2, status: 'cancelled' } },
    { keys: { orderId: 'o-3' }, newItem: { orderId: 'o-3', status: 'open', totalCents: -5 } },
    {
      keys: { orderId: 'o-4' },
      newItem: { orderId: 'o-4', customerId: 'c-1', status: 'open', totalCents: 1_000 },
    },
  ])
}
