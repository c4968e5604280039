import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch'
import { sqs } from '@tsumiki/batch'
import { lambda } from '@tsumiki/core'
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda'

/** One way to handle an SQS batch with a per-record handler: tsumiki's adapter, or Powertools' processor. */
export type BatchHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>

export type ContenderName = 'tsumiki' | 'powertools' | 'bare'

/** Builds the contender's Lambda handler around the same record handler, as each library's docs show it. */
export function makeHandler(
  contender: ContenderName,
  recordHandler: (body: string) => unknown,
  concurrency: number,
): BatchHandler {
  if (contender === 'tsumiki') {
    return lambda(sqs({ concurrency, throwWhenEveryRecordFails: false })).handle(({ body }) =>
      recordHandler(body),
    )
  }
  if (contender === 'bare') return barePool(recordHandler, concurrency)
  // Powertools' BatchProcessor runs every record at once (Promise.all); it has no bound to set.
  const processor = new BatchProcessor(EventType.SQS)
  return (event, context) =>
    processPartialResponse(event, (record: SQSRecord) => recordHandler(record.body), processor, {
      context,
      throwOnFullBatchFailure: false,
    })
}

/**
 * No library: the smallest correct bounded pool, written by hand. What the machine and its timers allow, so the
 * efficiency of the libraries can be read against it on a busy host.
 */
function barePool(recordHandler: (body: string) => unknown, concurrency: number): BatchHandler {
  return async (event) => {
    const failed: SQSBatchResponse['batchItemFailures'] = []
    let next = 0
    const worker = async () => {
      while (next < event.Records.length) {
        const record = event.Records[next++] as SQSRecord
        try {
          await recordHandler(record.body)
        } catch {
          failed.push({ itemIdentifier: record.messageId })
        }
      }
    }
    await Promise.all(Array.from({ length: Math.min(concurrency, event.Records.length) }, worker))
    return { batchItemFailures: failed }
  }
}

export function sqsBatch(count: number): SQSEvent {
  return {
    Records: Array.from({ length: count }, (_, index) => ({
      messageId: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
      receiptHandle: `handle-${index}`,
      body: JSON.stringify({ orderId: `order-${index}`, total: index }),
      attributes: {
        ApproximateReceiveCount: '1',
        SentTimestamp: '1700000000000',
        SenderId: 'AIDAEXAMPLE',
        ApproximateFirstReceiveTimestamp: '1700000000001',
      },
      messageAttributes: {},
      md5OfBody: 'md5',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:eu-west-1:123456789012:orders',
      awsRegion: 'eu-west-1',
    })),
  }
}

export function benchContext(): Context {
  // A 15-minute budget, as a long-running batch function has: the deadline guard is armed, as in production.
  const deadlineAtMs = Date.now() + 15 * 60_000
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: 'bench',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:bench',
    memoryLimitInMB: '1024',
    awsRequestId: 'bench',
    logGroupName: '/aws/lambda/bench',
    logStreamName: 'bench',
    getRemainingTimeInMillis: () => deadlineAtMs - Date.now(),
    done: () => {},
    fail: () => {},
    succeed: () => {},
  }
}
