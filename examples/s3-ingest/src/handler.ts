import { S3Client } from '@aws-sdk/client-s3'
import { lambda, s3 } from '@tsumiki/core'
import { logger } from '@tsumiki/logger'
import { isWouldTriggerItselfError } from './ingest-errors.js'
import { ingestOrders } from './ingest-orders.js'
import { s3Storage } from './s3-storage.js'
import { readSettings } from './settings.js'

const { outputBucket } = readSettings(process.env)
// Built once per execution environment; AWS_ENDPOINT_URL_S3 points it elsewhere in tests.
const storage = s3Storage(new S3Client({}))

/**
 * One S3 record at a time: reads `incoming/*.jsonl` from the bucket the event names and writes the processed
 * orders to OUTPUT_BUCKET. A failure fails the invocation, so Lambda's async retries and on-failure destination
 * apply (see infra/stack.ts).
 */
export const handler = lambda(s3())
  .use(logger({ service: 'orders-ingest' }))
  .handle(async ({ bucket, key, eventName, signal, log }) => {
    if (!eventName.startsWith('ObjectCreated:')) {
      log.warn('not an object-created event: skipped', { eventName, bucket, key })
      return
    }
    const outcome = await ingestOrders(
      { source: { bucket, key }, outputBucket },
      { storage },
      { signal },
    ).catch((error: unknown) => {
      // Logged here with what to fix; thrown on, so the event ends in the failure queue after the bounded
      // retries instead of vanishing.
      if (isWouldTriggerItselfError(error))
        log.error('refused: the output would trigger this function', error)
      throw error
    })
    if (outcome.status === 'skipped') {
      log.warn('object skipped', { bucket, key, reason: outcome.reason })
      return
    }
    const { counts, totalCents, rejected } = outcome.report
    log.info('orders ingested', { output: outcome.output, counts, totalCents })
    if (rejected.length > 0) {
      // The report in the output bucket lists every rejected line; the log names the first few to look at.
      log.warn('orders file has rejected lines', { rejected: counts.rejected, first: rejected.slice(0, 5) })
    }
  })
