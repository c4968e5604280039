import { setLogWriter } from '@tsumiki/core'
import type { Context } from 'aws-lambda'
import { afterEach, beforeEach } from 'vitest'
import type {
  AttributeValue,
  DynamoDBRecord,
  DynamoDBStreamEvent,
  KinesisStreamEvent,
  KinesisStreamRecord,
  SQSEvent,
  SQSRecord,
} from '../../src/index.js'

// Events built by hand until @tsumiki/testing's factories land; the shapes are those Lambda sends.

const standardQueueArn = 'arn:aws:sqs:eu-west-1:123456789012:orders'
const fifoQueueArn = 'arn:aws:sqs:eu-west-1:123456789012:orders.fifo'

export interface SqsRecordInit {
  readonly id: string
  readonly body?: string
  readonly groupId?: string
  readonly attributes?: Record<string, string>
  readonly receiveCount?: number
}

export function sqsRecord(init: SqsRecordInit, fifo = false): SQSRecord {
  const messageAttributes: SQSRecord['messageAttributes'] = {}
  for (const [name, value] of Object.entries(init.attributes ?? {})) {
    messageAttributes[name] = { stringValue: value, dataType: 'String' }
  }
  return {
    messageId: init.id,
    receiptHandle: `handle-${init.id}`,
    body: init.body ?? JSON.stringify({ id: init.id }),
    attributes: {
      ApproximateReceiveCount: String(init.receiveCount ?? 1),
      SentTimestamp: '1700000000000',
      SenderId: 'AIDAEXAMPLE',
      ApproximateFirstReceiveTimestamp: '1700000000001',
      ...(init.groupId === undefined ? {} : { MessageGroupId: init.groupId, SequenceNumber: '1' }),
    },
    messageAttributes,
    md5OfBody: 'md5',
    eventSource: 'aws:sqs',
    eventSourceARN: fifo ? fifoQueueArn : standardQueueArn,
    awsRegion: 'eu-west-1',
  }
}

export function sqsEvent(
  records: readonly (SqsRecordInit | string)[],
  options: { fifo?: boolean } = {},
): SQSEvent {
  return {
    Records: records.map((init) => sqsRecord(typeof init === 'string' ? { id: init } : init, options.fifo)),
  }
}

export interface KinesisRecordInit {
  readonly sequenceNumber: string
  readonly partitionKey?: string
  readonly data?: string
}

export function kinesisEvent(records: readonly KinesisRecordInit[]): KinesisStreamEvent {
  return {
    Records: records.map(
      (init): KinesisStreamRecord => ({
        awsRegion: 'eu-west-1',
        eventID: `shardId-000000000000:${init.sequenceNumber}`,
        eventName: 'aws:kinesis:record',
        eventSource: 'aws:kinesis',
        eventSourceARN: 'arn:aws:kinesis:eu-west-1:123456789012:stream/orders',
        eventVersion: '1.0',
        invokeIdentityArn: 'arn:aws:iam::123456789012:role/orders',
        kinesis: {
          approximateArrivalTimestamp: 1700000000.123,
          data: Buffer.from(init.data ?? JSON.stringify({ seq: init.sequenceNumber })).toString('base64'),
          kinesisSchemaVersion: '1.0',
          partitionKey: init.partitionKey ?? 'pk',
          sequenceNumber: init.sequenceNumber,
        },
      }),
    ),
  }
}

export interface DynamoDbRecordInit {
  readonly sequenceNumber: string
  readonly eventName?: 'INSERT' | 'MODIFY' | 'REMOVE'
  readonly keys?: Record<string, AttributeValue>
  readonly newImage?: Record<string, AttributeValue>
  readonly oldImage?: Record<string, AttributeValue>
}

export function dynamodbEvent(records: readonly DynamoDbRecordInit[]): DynamoDBStreamEvent {
  return {
    Records: records.map(
      (init): DynamoDBRecord => ({
        awsRegion: 'eu-west-1',
        eventID: `event-${init.sequenceNumber}`,
        eventName: init.eventName ?? 'INSERT',
        eventSource: 'aws:dynamodb',
        eventSourceARN: 'arn:aws:dynamodb:eu-west-1:123456789012:table/orders/stream/2024-01-01T00:00:00.000',
        eventVersion: '1.1',
        dynamodb: {
          ApproximateCreationDateTime: 1700000000,
          Keys: init.keys ?? { pk: { S: 'item' } },
          ...(init.newImage === undefined ? {} : { NewImage: init.newImage }),
          ...(init.oldImage === undefined ? {} : { OldImage: init.oldImage }),
          SequenceNumber: init.sequenceNumber,
          SizeBytes: 26,
          StreamViewType: 'NEW_AND_OLD_IMAGES',
        },
      }),
    ),
  }
}

/** A Lambda context; `remainingMs` counts down from now like the real one. */
export function createContext(options: { remainingMs?: number } = {}): Context {
  const deadlineAtMs = Date.now() + (options.remainingMs ?? 60_000)
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: 'orders',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:orders',
    memoryLimitInMB: '1024',
    awsRequestId: 'request-1',
    logGroupName: '/aws/lambda/orders',
    logStreamName: 'stream',
    getRemainingTimeInMillis: () => Math.max(0, deadlineAtMs - Date.now()),
    done: () => {},
    fail: () => {},
    succeed: () => {},
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** Silences the last-resort error lines the adapters write to stderr, and collects them. */
export function captureStderr(): {
  readonly lines: () => Record<string, unknown>[]
  readonly restore: () => void
} {
  const written: string[] = []
  const restore = setLogWriter((line) => written.push(line))
  return {
    lines: () =>
      written
        .join('')
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    restore,
  }
}

/** `captureStderr()` around every test of the file: each test reads its own lines, and nothing is written. */
export function captureStderrPerTest(): { readonly lines: () => Record<string, unknown>[] } {
  let capture: ReturnType<typeof captureStderr> | undefined
  beforeEach(() => {
    capture = captureStderr()
  })
  afterEach(() => capture?.restore())
  return { lines: () => capture?.lines() ?? [] }
}

/** The ids a partial batch response names. */
export function failedIds(response: { batchItemFailures: { itemIdentifier: string }[] }): string[] {
  return response.batchItemFailures.map((failure) => failure.itemIdentifier)
}
