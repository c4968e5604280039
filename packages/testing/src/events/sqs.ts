import { createHash, randomUUID } from 'node:crypto'
import type { SQSEvent, SQSRecord } from 'aws-lambda'
import { defaultAccountId, defaultRegion, regionOfArn } from '../aws-values/aws-defaults.js'
import { increasingDigits } from '../aws-values/increasing-digits.js'
import { randomBase64 } from '../aws-values/random-ids.js'
import { deepMerge } from '../deep-merge/deep-merge.js'
import type { DeepPartial } from '../deep-merge/deep-partial.js'
import { md5OfMessageAttributes } from './sqs-message-attributes-md5.js'

export interface SqsOptions {
  /** Default `arn:aws:sqs:us-east-1:123456789012:my-queue`, or `my-queue.fifo` for a FIFO queue. */
  queueArn?: string | undefined
  /** A FIFO queue: records carry `MessageGroupId`, `MessageDeduplicationId` and `SequenceNumber`. Default: whether `queueArn` ends in `.fifo`. */
  fifo?: boolean | undefined
}

const standardQueueArn = `arn:aws:sqs:${defaultRegion}:${defaultAccountId}:my-queue`
const fifoQueueArn = `${standardQueueArn}.fifo`
// SQS FIFO sequence numbers are 20 digits and increase within a message group.
const nextFifoSequenceNumber = increasingDigits({ length: 20, prefix: '1' })

/** An SQS event with one record per override (one default record when called without any). */
export function sqs(records: DeepPartial<SQSRecord>[] = [{}], options: SqsOptions = {}): SQSEvent {
  return { Records: records.map((overrides) => sqsRecord(overrides, options)) }
}

/**
 * One SQS record as Lambda delivers it: a fresh `messageId` and receipt handle, `md5OfBody` (and
 * `md5OfMessageAttributes`) computed from the final body and attributes unless you override them, and the
 * region taken from the queue ARN.
 */
export function sqsRecord(overrides: DeepPartial<SQSRecord> = {}, options: SqsOptions = {}): SQSRecord {
  const queueArn = resolveQueueArn(options)
  const nowMs = Date.now()
  const body = overrides.body ?? 'Hello from SQS!'
  const defaults: SQSRecord = {
    messageId: randomUUID(),
    receiptHandle: `AQEB${randomBase64(150)}`,
    body,
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: String(nowMs),
      SenderId: 'AIDAIENQZJOLO23YVJ4VO',
      ApproximateFirstReceiveTimestamp: String(nowMs),
      ...(queueArn.endsWith('.fifo') && {
        SequenceNumber: nextFifoSequenceNumber(),
        MessageGroupId: 'group-1',
        // What content-based deduplication uses: the SHA-256 of the body.
        MessageDeduplicationId: createHash('sha256').update(body).digest('hex'),
      }),
    },
    messageAttributes: {},
    md5OfBody: createHash('md5').update(body).digest('hex'),
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: regionOfArn(queueArn),
  }
  const record = deepMerge(defaults, overrides)
  const hasAttributes = Object.keys(record.messageAttributes).length > 0
  if (overrides.md5OfMessageAttributes === undefined && hasAttributes) {
    record.md5OfMessageAttributes = md5OfMessageAttributes(record.messageAttributes)
  }
  return record
}

function resolveQueueArn(options: SqsOptions): string {
  const fifo = options.fifo ?? options.queueArn?.endsWith('.fifo') ?? false
  const queueArn = options.queueArn ?? (fifo ? fifoQueueArn : standardQueueArn)
  if (fifo !== queueArn.endsWith('.fifo')) {
    throw new Error(
      `SQS queue ${queueArn} ${fifo ? 'is not' : 'is'} a FIFO queue: FIFO queue names, and only they, end in ".fifo".`,
    )
  }
  return queueArn
}
