import { sqs } from '@tsumiki/batch'
import { lambda } from '@tsumiki/core'
import { logger } from '@tsumiki/logger'
import { validate } from '@tsumiki/validation'
import { bookShipment } from './book-shipment.js'
import { bookWithCarrier } from './carrier.js'
import { ShipmentRequested } from './shipment.js'

/**
 * One message at a time through the chain, five at once: an invalid or failing message is reported in
 * `batchItemFailures` and comes back alone; the others are done.
 */
export const handler = lambda(sqs({ concurrency: 5 }))
  .use(logger({ service: 'shipments' }))
  .use(validate({ body: ShipmentRequested }))
  .handle(async ({ input: { body }, log }) => {
    const trackingNumber = await bookShipment(body, { bookWithCarrier })
    log.info('shipment booked', { orderId: body.orderId, trackingNumber })
  })
