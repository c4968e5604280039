import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'
import { dynamodbStreams, sqsDeadLetter } from '@tsumiki/batch'
import { lambda, settingsFrom } from '@tsumiki/core'
import { logger } from '@tsumiki/logger'
import { validate } from '@tsumiki/validation'
import * as z from 'zod/mini'
import { projectOrderChange } from './core.js'
import { customerTotalsTable } from './customer-totals-table.js'
import { Order, OrderKeys } from './order-schema.js'
import { settingNames } from './settings.js'
import { streamPosition } from './stream-position.js'

const settings = settingsFrom(settingNames, process.env)
const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}))

/**
 * Projects the orders table's stream into per-customer totals. Four orders at a time, each order's changes one
 * at a time in stream order. A record whose images fail the schema is a poison record: parked on the dead-letter
 * queue, and the shard moves past it. Anything else that fails stops that order's lane and is reported as the
 * checkpoint, so Lambda delivers it (and what follows it in the shard) again; records of other orders that had
 * already run then come back too, which the projection's conditional write makes harmless.
 */
export const handler = lambda(
  dynamodbStreams({
    concurrency: 4,
    deadLetter: sqsDeadLetter({ queueUrl: settings.deadLetterQueueUrl }),
  }),
)
  .use(logger({ service: 'customer-totals' }))
  .use(validate({ keys: OrderKeys, oldImage: z.optional(Order), newImage: z.optional(Order) }))
  .handle(async ({ input: { keys, oldImage, newImage }, sequenceNumber, signal, log }) => {
    const outcome = await projectOrderChange(
      { orderId: keys.orderId, position: streamPosition(sequenceNumber), before: oldImage, after: newImage },
      { totals: customerTotalsTable({ client: documents, tableName: settings.projectionTable, signal }) },
    )
    log.info('order change projected', { orderId: keys.orderId, ...outcome })
  })
