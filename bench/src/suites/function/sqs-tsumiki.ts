import { randomUUID } from 'node:crypto'
import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { sqs } from '@tsumiki/batch'
import { lambda } from '@tsumiki/core'
import { idempotent } from '@tsumiki/idempotency'
import { logger } from '@tsumiki/logger'
import { validate } from '@tsumiki/validation'
import { idempotencyTableFromEnv, ordersTableFromEnv, ShipmentRequested, saveOrder } from './shared.js'

/** (a) tsumiki: the SQS batch function as the tsumiki READMEs write it. */
const orders = new DynamoDBClient({})
const table = ordersTableFromEnv()

export const handler = lambda(sqs())
  .use(logger({ service: 'shipments' }))
  .use(validate({ body: ShipmentRequested }))
  .use(idempotent({ table: idempotencyTableFromEnv(), expiresAfterMs: 3_600_000 }))
  .handle(async ({ input: { body }, log, signal }) => {
    const order = await saveOrder(orders, table, { id: `${body.orderId}-${randomUUID()}`, ...body }, signal)
    log.info('shipment booked', { orderId: body.orderId, id: order.id })
  })
