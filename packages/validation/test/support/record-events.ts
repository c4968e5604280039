import { marshall } from '@aws-sdk/util-dynamodb'
import type {
  DynamoDbEvent,
  DynamoDbRecord,
  EventBridgeEvent,
  KinesisEvent,
  KinesisRecord,
  SnsEvent,
  SqsEvent,
  SqsRecord,
} from './aws-events.js'

const queueArn = 'arn:aws:sqs:eu-west-1:123456789012:orders'
const topicArn = 'arn:aws:sns:eu-west-1:123456789012:orders'

/** An SQS event with one record per body, ids `m1`, `m2`... */
export function sqsEvent(...bodies: string[]): SqsEvent {
  return {
    Records: bodies.map(
      (body, index): SqsRecord => ({
        messageId: `m${index + 1}`,
        receiptHandle: `handle-${index + 1}`,
        body,
        attributes: { ApproximateReceiveCount: '1', SentTimestamp: '1795000000000' },
        messageAttributes: {},
        md5OfBody: 'md5',
        eventSource: 'aws:sqs',
        eventSourceARN: queueArn,
        awsRegion: 'eu-west-1',
      }),
    ),
  }
}

/** The JSON SNS wraps a message in when it delivers to SQS without raw message delivery. */
export function snsNotificationJson(message: string): string {
  return JSON.stringify({
    Type: 'Notification',
    MessageId: 'sns-1',
    TopicArn: topicArn,
    Message: message,
    Timestamp: '2026-11-23T10:00:00.000Z',
    SignatureVersion: '1',
    Signature: 'sig',
    SigningCertURL: 'https://sns.example.com/cert.pem',
    UnsubscribeURL: 'https://sns.example.com/unsubscribe',
  })
}

export function snsEvent(message: string): SnsEvent {
  return {
    Records: [
      {
        EventVersion: '1.0',
        EventSubscriptionArn: `${topicArn}:sub`,
        EventSource: 'aws:sns',
        Sns: {
          SignatureVersion: '1',
          Timestamp: '2026-11-23T10:00:00.000Z',
          Signature: 'sig',
          SigningCertUrl: 'https://sns.example.com/cert.pem',
          MessageId: 'sns-1',
          Message: message,
          MessageAttributes: {},
          Type: 'Notification',
          UnsubscribeUrl: 'https://sns.example.com/unsubscribe',
          TopicArn: topicArn,
          Subject: 'order',
        },
      },
    ],
  }
}

export function eventBridgeEvent<TDetail>(detail: TDetail): EventBridgeEvent<TDetail> {
  return {
    version: '0',
    id: 'eb-1',
    'detail-type': 'OrderPlaced',
    source: 'com.example.orders',
    account: '123456789012',
    time: '2026-11-23T10:00:00Z',
    region: 'eu-west-1',
    resources: [],
    detail,
  }
}

/** A Kinesis event with one record per payload text, sequence numbers `s1`, `s2`... */
export function kinesisEvent(...payloads: string[]): KinesisEvent {
  return {
    Records: payloads.map(
      (payload, index): KinesisRecord => ({
        kinesis: {
          partitionKey: 'pk',
          sequenceNumber: `s${index + 1}`,
          data: Buffer.from(payload, 'utf8').toString('base64'),
          approximateArrivalTimestamp: 1_795_000_000,
        },
        eventSource: 'aws:kinesis',
        eventID: `shard:s${index + 1}`,
        eventName: 'aws:kinesis:record',
        eventSourceARN: 'arn:aws:kinesis:eu-west-1:123456789012:stream/orders',
      }),
    ),
  }
}

export interface StreamChange {
  readonly keys: Record<string, unknown>
  readonly newImage?: Record<string, unknown>
  readonly oldImage?: Record<string, unknown>
}

/** A DynamoDB Streams event, images marshalled as the stream delivers them; sequence numbers `1`, `2`... */
export function dynamoDbEvent(...changes: StreamChange[]): DynamoDbEvent {
  return {
    Records: changes.map(
      (change, index): DynamoDbRecord => ({
        eventID: `e${index + 1}`,
        eventName:
          change.oldImage === undefined ? 'INSERT' : change.newImage === undefined ? 'REMOVE' : 'MODIFY',
        eventSource: 'aws:dynamodb',
        dynamodb: {
          Keys: marshall(change.keys),
          ...(change.newImage === undefined ? {} : { NewImage: marshall(change.newImage) }),
          ...(change.oldImage === undefined ? {} : { OldImage: marshall(change.oldImage) }),
          SequenceNumber: `${index + 1}`,
          StreamViewType: 'NEW_AND_OLD_IMAGES',
        },
        eventSourceARN: 'arn:aws:dynamodb:eu-west-1:123456789012:table/orders/stream/2026',
      }),
    ),
  }
}
