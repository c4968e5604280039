import type { ApiGatewayV2Handler, EventBridgeHandler, EventOf, SnsHandler } from '@tsumiki/core'

/*
 * Event types for the tests. Those of the sources core handles come from core's handler types; SQS, Kinesis and
 * DynamoDB Streams (the batch package's sources) are written out with the fields these tests use, so this package
 * needs no @types/aws-lambda of its own.
 */

// Any (event, context) handler's context: AnyLambdaHandler also covers streaming's (event, responseStream, context).
export type LambdaContext = Parameters<ApiGatewayV2Handler>[1]
export type HttpApiEvent = EventOf<ApiGatewayV2Handler>
export type SnsEvent = EventOf<SnsHandler>
export type EventBridgeEvent<TDetail> = EventOf<EventBridgeHandler<'OrderPlaced', TDetail>>

export interface SqsRecord {
  readonly messageId: string
  readonly receiptHandle: string
  readonly body: string
  readonly attributes: Readonly<Record<string, string>>
  readonly messageAttributes: Readonly<Record<string, unknown>>
  readonly md5OfBody: string
  readonly eventSource: 'aws:sqs'
  readonly eventSourceARN: string
  readonly awsRegion: string
}

export interface SqsEvent {
  readonly Records: SqsRecord[]
}

export interface KinesisRecord {
  readonly kinesis: {
    readonly partitionKey: string
    readonly sequenceNumber: string
    readonly data: string
    readonly approximateArrivalTimestamp: number
  }
  readonly eventSource: 'aws:kinesis'
  readonly eventID: string
  readonly eventName: 'aws:kinesis:record'
  readonly eventSourceARN: string
}

export interface KinesisEvent {
  readonly Records: KinesisRecord[]
}

export type AttributeMap = Record<string, unknown>

export interface DynamoDbRecord {
  readonly eventID: string
  readonly eventName: 'INSERT' | 'MODIFY' | 'REMOVE'
  readonly eventSource: 'aws:dynamodb'
  readonly dynamodb: {
    readonly Keys: AttributeMap
    readonly NewImage?: AttributeMap
    readonly OldImage?: AttributeMap
    readonly SequenceNumber: string
    readonly StreamViewType: 'NEW_AND_OLD_IMAGES'
  }
  readonly eventSourceARN: string
}

export interface DynamoDbEvent {
  readonly Records: DynamoDbRecord[]
}
