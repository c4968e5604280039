import { randomUUID } from 'node:crypto'
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch'
import { parser } from '@aws-lambda-powertools/batch/parser'
import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency'
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb'
import { Logger } from '@aws-lambda-powertools/logger'
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware'
import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import middy from '@middy/core'
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda'
import { idempotencyTableFromEnv, ordersTableFromEnv, ShipmentRequested, saveOrder } from './shared.js'

/**
 * (c) Middy + Powertools: BatchProcessor with the parser integration (zod schema of the body, JSON transformer),
 * `makeIdempotent` per record keyed on the messageId, Logger with `injectLambdaContext`.
 */
const logger = new Logger({ serviceName: 'shipments' })
const orders = new DynamoDBClient({})
const table = ordersTableFromEnv()
const processor = new BatchProcessor(EventType.SQS, {
  parser,
  innerSchema: ShipmentRequested,
  transformer: 'json',
  logger,
})
const idempotencyConfig = new IdempotencyConfig({ eventKeyJmesPath: 'messageId', expiresAfterSeconds: 3600 })

const recordHandler = makeIdempotent(
  async (record: { messageId: string; body: ShipmentRequested }) => {
    const body = record.body
    const order = await saveOrder(orders, table, { id: `${body.orderId}-${randomUUID()}`, ...body })
    logger.info('shipment booked', { orderId: body.orderId, id: order.id })
  },
  {
    persistenceStore: new DynamoDBPersistenceLayer({ tableName: idempotencyTableFromEnv() }),
    config: idempotencyConfig,
  },
)

export const handler = middy(async (event: SQSEvent, context: Context) => {
  idempotencyConfig.registerLambdaContext(context)
  return processPartialResponse(event, recordHandler as never, processor, { context })
}).use(injectLambdaContext(logger)) as unknown as (
  event: SQSEvent,
  context: Context,
) => Promise<SQSBatchResponse>
