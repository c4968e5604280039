import {
  type Adapter,
  checkOptions,
  correlationIdOf,
  InvalidEventError,
  type Invocation,
  oneOf,
  type RequestCapabilities,
  readRecords,
  setOwn,
} from '@tsumiki/core'
import type { Context, SQSBatchResponse, SQSEvent, SQSMessageAttributes, SQSRecord } from 'aws-lambda'
import { BatchRequestBase } from '../../run-batch/batch-request.js'
import type { BatchSettings, BatchSourceTable } from '../../run-batch/batch-source-table.js'
import { type SharedBatchOptions, sharedBatchOptionRules } from '../../run-batch/options.js'
import type { RecordRequest } from '../../run-batch/record-request.js'
import { runBatch } from '../../run-batch/run-batch.js'

/** One SQS message. `body` is the text as sent, so the same body validation serves HTTP, SNS and SQS. */
export interface SqsRequest extends RecordRequest<SQSEvent, SQSRecord> {
  readonly kind: 'sqs'
  readonly messageId: string
  readonly body: string
  /** Message attributes by name: their `stringValue` (String and Number attributes; Binary ones are left out). */
  readonly attributes: Readonly<Record<string, string>>
  /** FIFO queues only. */
  readonly messageGroupId: string | undefined
  /** How many times SQS has delivered this message, this delivery included; 0 when the record does not say. */
  readonly receiveCount: number
}

export type SqsHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>

/** What a failure in a FIFO batch fails besides itself. */
export type FifoFailureScope = 'fail-rest-of-batch' | 'fail-rest-of-group'

export interface SqsOptions extends SharedBatchOptions {
  /**
   * Standard queues: how many records run at once. Default 10: a default-sized batch (10) runs fully in
   * parallel, while a large one (up to 10,000 with a batching window) does not open 10,000 connections to the
   * database the handler writes to. `Infinity` runs all at once, as Powertools does.
   *
   * FIFO queues with `'fail-rest-of-group'`: how many message groups run at once, each in order.
   */
  readonly concurrency?: number | undefined
  /**
   * `'auto'` (default) treats the queue as FIFO when its ARN ends in `.fifo`. FIFO batches run in order and a
   * failure fails what comes after it, so no message overtakes one it follows.
   */
  readonly fifo?: boolean | 'auto' | undefined
  /**
   * FIFO: `'fail-rest-of-batch'` (default) reports every record after the first failure as failed without running
   * it; `'fail-rest-of-group'` does that only for the failed record's message group, and other groups go on.
   */
  readonly onFifoFailure?: FifoFailureScope | undefined
  /** When no record succeeds, throw `RecordsFailedError` rather than report them all. Default true. */
  readonly throwWhenEveryRecordFails?: boolean | undefined
}

export const defaultSqsConcurrency = 10

class SqsRequestObject extends BatchRequestBase<SQSEvent, SQSRecord> implements SqsRequest {
  declare readonly kind: 'sqs'
  declare readonly eventId: string
  readonly messageId: string
  readonly body: string
  readonly attributes: Readonly<Record<string, string>>
  readonly messageGroupId: string | undefined
  readonly receiveCount: number

  constructor(invocation: Invocation, event: SQSEvent, record: SQSRecord, capabilities: RequestCapabilities) {
    if (typeof record.body !== 'string') {
      throw new InvalidEventError('sqs', `message ${record.messageId} has no body text`)
    }
    const attributes = readAttributes(record.messageAttributes)
    super(
      invocation,
      'sqs',
      event,
      correlationIdOf(attributes) ?? record.messageId,
      record.messageId,
      record.messageId,
      record,
      capabilities,
    )
    this.messageId = record.messageId
    this.body = record.body
    this.attributes = attributes
    this.messageGroupId = record.attributes?.MessageGroupId
    this.receiveCount = Number(record.attributes?.ApproximateReceiveCount) || 0
  }
}

function readAttributes(messageAttributes: SQSMessageAttributes | undefined): Record<string, string> {
  const attributes: Record<string, string> = {}
  if (messageAttributes === undefined || messageAttributes === null) return attributes
  for (const name in messageAttributes) {
    const value = messageAttributes[name]?.stringValue
    // An attribute named `__proto__` is a valid SQS name: data, not the prototype.
    if (typeof value === 'string') setOwn(attributes, name, value)
  }
  return attributes
}

/**
 * SQS with partial batch responses: the chain runs once per message, and the function answers
 * `{ batchItemFailures }` naming exactly the messages that did not succeed, so SQS deletes the rest.
 * Needs `FunctionResponseTypes: [ReportBatchItemFailures]` on the event source mapping.
 */
export function sqs(options: SqsOptions = {}): Adapter<SqsRequest, SqsHandler> {
  checkOptions<SqsOptions>('sqs()', options, {
    ...sharedBatchOptionRules(),
    fifo: oneOf(true, false, 'auto'),
    onFifoFailure: oneOf('fail-rest-of-batch', 'fail-rest-of-group'),
  })
  const concurrency = options.concurrency ?? defaultSqsConcurrency
  const onFifoFailure = options.onFifoFailure ?? 'fail-rest-of-batch'
  const fifoOption = options.fifo ?? 'auto'
  const settings: BatchSettings = {
    concurrency,
    throwWhenEveryRecordFails: options.throwWhenEveryRecordFails ?? true,
    isPermanent: options.isPermanent,
    deadLetter: options.deadLetter,
  }
  const standard = sqsTable(undefined)
  const fifo = sqsTable(onFifoFailure === 'fail-rest-of-batch' ? 'batch' : messageGroupOf)

  return {
    name: 'sqs',
    run: (event, invocation, chain) =>
      runBatch(isFifo(fifoOption, event) ? fifo : standard, settings, event, invocation, chain),
  }
}

/**
 * SQS as `runBatch()` sees it. Every message not done is reported. A standard queue's messages are independent; a
 * FIFO queue keeps the whole batch in order (`'fail-rest-of-batch'`: a failure holds back every later message) or
 * each message group (`'fail-rest-of-group'`: only the rest of its group).
 */
function sqsTable(
  orderBy: BatchSourceTable<SQSEvent, SQSRecord, SqsRequestObject>['orderBy'],
): BatchSourceTable<SQSEvent, SQSRecord, SqsRequestObject> {
  return {
    source: 'sqs',
    records: (event) => readRecords<SQSRecord>('sqs', event, 'messageId', (record) => record.messageId),
    toRequest: (invocation, event, record, capabilities) =>
      new SqsRequestObject(invocation, event, record, capabilities),
    orderBy,
    heldBackBecause: 'an earlier message they must follow (same FIFO batch or message group) failed',
    report: 'every-unsucceeded',
    deadLetterOf: (record) => ({
      sourceArn: record.eventSourceARN,
      messageId: record.messageId,
      body: record.body,
    }),
  }
}

function messageGroupOf(record: SQSRecord): string {
  return record.attributes?.MessageGroupId ?? ''
}

function isFifo(option: boolean | 'auto', event: SQSEvent): boolean {
  if (option !== 'auto') return option
  // Read before the records are checked, so an event without them is refused by readRecords, not here.
  const arn = (
    event as { readonly Records?: readonly ({ readonly eventSourceARN?: unknown } | null)[] } | null
  )?.Records?.[0]?.eventSourceARN
  return typeof arn === 'string' && arn.endsWith('.fifo')
}
