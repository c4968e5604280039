import { randomUUID } from 'node:crypto'
import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency'
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb'
import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import middy from '@middy/core'
import sqsPartialBatchFailure from '@middy/sqs-partial-batch-failure'
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda'
import pino from 'pino'
import { idempotencyTableFromEnv, ordersTableFromEnv, ShipmentRequested, saveOrder } from './shared.js'

/**
 * (b) Middy: @middy/sqs-partial-batch-failure (6.4.5, the last on npm; it runs on core 7) over
 * `Promise.allSettled`, zod per record, pino for logs, and Powertools' `makeIdempotent` per record (Middy has no
 * idempotency middleware).
 */
const log = pino({ base: { service: 'shipments' } })
const orders = new DynamoDBClient({})
const table = ordersTableFromEnv()
const config = new IdempotencyConfig({ eventKeyJmesPath: 'messageId', expiresAfterSeconds: 3600 })

const bookOnce = makeIdempotent(
  async (request: { messageId: string; body: ShipmentRequested }, context: Context) => {
    const { body } = request
    const order = await saveOrder(orders, table, { id: `${body.orderId}-${randomUUID()}`, ...body })
    log.info({ orderId: body.orderId, id: order.id, awsRequestId: context.awsRequestId }, 'shipment booked')
  },
  { persistenceStore: new DynamoDBPersistenceLayer({ tableName: idempotencyTableFromEnv() }), config },
)

/** Validation first, so a poison message costs no DynamoDB request (as in the other contenders). */
const processRecord = async (record: SQSRecord, context: Context) =>
  bookOnce({ messageId: record.messageId, body: ShipmentRequested.parse(JSON.parse(record.body)) }, context)

export const handler = middy(async (event: SQSEvent, context: Context) => {
  config.registerLambdaContext(context)
  return Promise.allSettled(event.Records.map((record) => processRecord(record, context)))
}).use(sqsPartialBatchFailure()) as unknown as (
  event: SQSEvent,
  context: Context,
) => Promise<SQSBatchResponse>
