import { randomUUID } from 'node:crypto'
import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda'
import { claim, complete } from './bare-idempotency.js'
import { idempotencyTableFromEnv, ordersTableFromEnv, ShipmentRequested, saveOrder } from './shared.js'

/** The floor: no framework; per record the same zod schema, the same idempotency requests and order write. */
const orders = new DynamoDBClient({})
const table = ordersTableFromEnv()
const idempotencyTable = idempotencyTableFromEnv()

async function processRecord(record: SQSRecord, context: Context): Promise<void> {
  const body = ShipmentRequested.parse(JSON.parse(record.body))
  const claimed = await claim<null>(orders, idempotencyTable, record.messageId, Date.now())
  if (claimed.done) return
  const order = await saveOrder(orders, table, { id: `${body.orderId}-${randomUUID()}`, ...body })
  await complete(orders, idempotencyTable, claimed.id, null, Date.now())
  process.stdout.write(
    `${JSON.stringify({ level: 'INFO', message: 'shipment booked', orderId: body.orderId, id: order.id, function_request_id: context.awsRequestId })}\n`,
  )
}

export async function handler(event: SQSEvent, context: Context): Promise<SQSBatchResponse> {
  const outcomes = await Promise.allSettled(event.Records.map((record) => processRecord(record, context)))
  return {
    batchItemFailures: event.Records.flatMap((record, index) =>
      outcomes[index]?.status === 'rejected' ? [{ itemIdentifier: record.messageId }] : [],
    ),
  }
}
