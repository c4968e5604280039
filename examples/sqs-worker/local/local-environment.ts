import { randomUUID } from 'node:crypto'
import { events, type LocalAws, type LocalDynamo } from '@tsumiki/testing'
import type { SQSEvent } from 'aws-lambda'

/**
 * Creates what the worker needs on the local services (the shipments and idempotency tables on `dynamo`; the
 * shipments queue and its dead-letter queue on `aws`), under names unique to this call, and answers the function's
 * whole environment: its settings, `AWS_REGION`, fake credentials and the local endpoints.
 */
export async function prepareLocalEnvironment(services: {
  dynamo?: LocalDynamo
  aws?: LocalAws
}): Promise<Record<string, string>> {
  const { dynamo, aws } = services
  if (dynamo === undefined || aws === undefined) {
    throw new Error('The sqs-worker needs both the local DynamoDB (dynamo) and the local AWS endpoint (aws)')
  }
  const suffix = randomUUID().slice(0, 8)
  const shipmentsTable = `shipments-${suffix}`
  const idempotencyTable = `shipments-idempotency-${suffix}`
  await dynamo.createTable({
    TableName: shipmentsTable,
    AttributeDefinitions: [{ AttributeName: 'orderId', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'orderId', KeyType: 'HASH' }],
    BillingMode: 'PAY_PER_REQUEST',
  })
  await dynamo.createIdempotencyTable(idempotencyTable)
  // The source queue is what Lambda would poll; the function itself only ever sends to the dead-letter queue.
  aws.createQueue(`shipments-${suffix}`)
  const deadLetterQueue = aws.createQueue(`shipments-dlq-${suffix}`)
  return {
    SHIPMENTS_TABLE: shipmentsTable,
    IDEMPOTENCY_TABLE: idempotencyTable,
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

/** The message ids of `sampleBatch()`, fixed so a demo can name what happened to each. */
export const sampleMessageIds = {
  tea: '0b6c1c52-0000-4000-8000-000000000001',
  kettle: '0b6c1c52-0000-4000-8000-000000000002',
  cups: '0b6c1c52-0000-4000-8000-000000000003',
  poison: '0b6c1c52-0000-4000-8000-000000000004',
} as const

/**
 * A batch of four messages from the shipments queue: orders o-1001, o-1002 and o-1003 to ship (good), and one
 * poison message whose body has no address (it fails the schema).
 *
 * Invoking the worker with it answers `{ batchItemFailures: [] }`: the three orders are booked (tracking numbers
 * `TRACK-o-1001`, `TRACK-o-1002`, `TRACK-o-1003` in the shipments table), and the poison message is classified
 * permanent and parked on the dead-letter queue (one message there, whose body is JSON with `recordId` =
 * `sampleMessageIds.poison`, `error.code` = `VALIDATION_FAILED`), so it is not reported for retry either.
 *
 * Invoking it again (SQS delivering the same messages again) answers `{ batchItemFailures: [] }` too, books
 * nothing more (the idempotency table answers the three good ones) and parks the poison message a second time
 * (a standard queue: its message attribute `tsumiki-record-id` tells the two apart from other messages).
 */
export function sampleBatch(): SQSEvent {
  const order = (orderId: string, country: string, postcode: string) =>
    JSON.stringify({ orderId, address: { country, postcode } })
  return events.sqs(
    [
      { messageId: sampleMessageIds.tea, body: order('o-1001', 'JP', '100-0001') },
      { messageId: sampleMessageIds.kettle, body: order('o-1002', 'FR', '75001') },
      { messageId: sampleMessageIds.cups, body: order('o-1003', 'GB', 'SW1A 1AA') },
      { messageId: sampleMessageIds.poison, body: JSON.stringify({ orderId: 'o-1004' }) },
    ],
    { queueArn: 'arn:aws:sqs:us-east-1:123456789012:shipments' },
  )
}
