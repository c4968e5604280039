import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'
import { sqs, sqsDeadLetter } from '@tsumiki/batch'
import { lambda, settingsFrom } from '@tsumiki/core'
import { idempotent } from '@tsumiki/idempotency'
import { logger } from '@tsumiki/logger'
import { metrics } from '@tsumiki/metrics'
import { validate } from '@tsumiki/validation'
import { standInCarrier } from './carrier.js'
import { bookShipment, isUndeliverableAddressError } from './core.js'
import { settingNames } from './settings.js'
import { ShipmentRequest } from './shipment-request.js'
import { shipmentsTable } from './shipments-table.js'

const settings = settingsFrom(settingNames, process.env)
const dynamo = new DynamoDBClient({})
const documents = DynamoDBDocumentClient.from(dynamo)

/**
 * One message at a time through the chain, five at once. A poison message (a body that fails the schema) or an
 * undeliverable address is permanent: parked on the dead-letter queue, and done. Anything else that fails (the
 * carrier or DynamoDB down) is reported in `batchItemFailures` and comes back after the visibility timeout. A
 * message delivered again is not booked again: `idempotent()` answers it from the table, by its message id.
 */
export const handler = lambda(
  sqs({
    concurrency: 5,
    deadLetter: sqsDeadLetter({ queueUrl: settings.deadLetterQueueUrl }),
    isPermanent: isUndeliverableAddressError,
  }),
)
  .use(logger({ service: 'shipments' }))
  // One EMF line per batch: the shipments booked, and how many records succeeded, failed or were parked.
  .use(metrics({ namespace: 'Shop', service: 'shipments', operational: ['batch', 'idempotency'] }))
  .use(validate({ body: ShipmentRequest }))
  .use(idempotent({ table: settings.idempotencyTable, expiresAfterMs: 24 * 60 * 60 * 1000, client: dynamo }))
  .handle(async ({ input: { body }, log, signal, metrics }) => {
    const shipment = await bookShipment(body, {
      carrier: standInCarrier,
      shipments: shipmentsTable({ client: documents, tableName: settings.shipmentsTable, signal }),
      nowMs: Date.now,
    })
    log.info('shipment booked', { orderId: shipment.orderId, trackingNumber: shipment.trackingNumber })
    metrics.addMetric('shipmentsBooked', 'Count', 1)
    return shipment
  })
