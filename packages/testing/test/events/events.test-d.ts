import type {
  ALBEvent,
  APIGatewayProxyEvent,
  APIGatewayProxyEventV2,
  Context,
  DynamoDBRecord,
  DynamoDBStreamEvent,
  EventBridgeEvent,
  KinesisStreamEvent,
  KinesisStreamRecord,
  LambdaFunctionURLEvent,
  MSKEvent,
  MSKRecord,
  S3Event,
  S3EventRecord,
  ScheduledEvent,
  SelfManagedKafkaEvent,
  SNSEvent,
  SNSEventRecord,
  SQSEvent,
  SQSRecord,
} from 'aws-lambda'
import { describe, expectTypeOf, it } from 'vitest'
import {
  createContext,
  type DeepPartial,
  deepMerge,
  events,
  type HttpVariant,
  invoke,
} from '../../src/index.js'

describe('event factory return types', () => {
  it('returns the exact @types/aws-lambda type of each HTTP source', () => {
    expectTypeOf(events.apiGatewayV1()).toEqualTypeOf<APIGatewayProxyEvent>()
    expectTypeOf(events.apiGatewayV2()).toEqualTypeOf<APIGatewayProxyEventV2>()
    expectTypeOf(events.functionUrl()).toEqualTypeOf<LambdaFunctionURLEvent>()
    expectTypeOf(events.alb()).toEqualTypeOf<ALBEvent>()
    expectTypeOf(events.alb({}, { multiValueHeaders: true })).toEqualTypeOf<ALBEvent>()
  })

  it('returns the event type of the variant passed to http()', () => {
    expectTypeOf(events.http('apiGatewayV1')).toEqualTypeOf<APIGatewayProxyEvent>()
    expectTypeOf(events.http('apiGatewayV2')).toEqualTypeOf<APIGatewayProxyEventV2>()
    expectTypeOf(events.http('functionUrl')).toEqualTypeOf<LambdaFunctionURLEvent>()
    expectTypeOf(events.http('alb', {}, { multiValueHeaders: true })).toEqualTypeOf<ALBEvent>()
    const variant = 'alb' as HttpVariant
    expectTypeOf(events.http(variant)).toEqualTypeOf<
      APIGatewayProxyEvent | APIGatewayProxyEventV2 | LambdaFunctionURLEvent | ALBEvent
    >()
  })

  it('returns the exact @types/aws-lambda type of each record source and of its records', () => {
    expectTypeOf(events.sqs()).toEqualTypeOf<SQSEvent>()
    expectTypeOf(events.sqsRecord()).toEqualTypeOf<SQSRecord>()
    expectTypeOf(events.sns()).toEqualTypeOf<SNSEvent>()
    expectTypeOf(events.snsRecord()).toEqualTypeOf<SNSEventRecord>()
    expectTypeOf(events.s3()).toEqualTypeOf<S3Event>()
    expectTypeOf(events.s3Record()).toEqualTypeOf<S3EventRecord>()
    expectTypeOf(events.kinesis()).toEqualTypeOf<KinesisStreamEvent>()
    expectTypeOf(events.kinesisRecord()).toEqualTypeOf<KinesisStreamRecord>()
    expectTypeOf(events.kafka()).toEqualTypeOf<MSKEvent>()
    expectTypeOf(events.selfManagedKafka()).toEqualTypeOf<SelfManagedKafkaEvent>()
    expectTypeOf(events.kafkaRecord()).toEqualTypeOf<MSKRecord>()
    expectTypeOf(events.dynamodbStream()).toEqualTypeOf<DynamoDBStreamEvent>()
    expectTypeOf(events.dynamodbStreamRecord()).toEqualTypeOf<DynamoDBRecord>()
  })

  it('returns EventBridge events typed by their detail type and detail', () => {
    expectTypeOf(events.eventBridge()).toEqualTypeOf<EventBridgeEvent<string, Record<string, unknown>>>()
    expectTypeOf(events.eventBridge<'OrderPlaced', { orderId: string }>()).toEqualTypeOf<
      EventBridgeEvent<'OrderPlaced', { orderId: string }>
    >()
    expectTypeOf(events.schedule()).toEqualTypeOf<ScheduledEvent>()
  })
})

describe('override types', () => {
  it('accepts deep partial overrides', () => {
    events.apiGatewayV1({ requestContext: { identity: { sourceIp: '198.51.100.1' } } })
    events.sqs([{ attributes: { MessageGroupId: 'g' } }], { fifo: true })
    events.kinesis([{ json: { orderId: 'o-1' } }, { kinesis: { partitionKey: 'p' } }])
    events.dynamodbStream([{ newItem: { id: '1' }, keys: { id: '1' }, eventName: 'INSERT' }])
    events.eventBridge<'OrderPlaced', { orderId: string; total: number }>({ detail: { total: 3 } })
  })

  it('rejects overrides of the wrong type', () => {
    // @ts-expect-error httpMethod is a string
    events.apiGatewayV1({ httpMethod: 42 })
    // @ts-expect-error body is a string
    events.sqs([{ body: { not: 'a string' } }])
    // @ts-expect-error Sns.Message is a string
    events.snsRecord({ Sns: { Message: 1 } })
    // @ts-expect-error object size is a number
    events.s3Record({ s3: { object: { size: '1024' } } })
    // @ts-expect-error eventName is INSERT, MODIFY or REMOVE
    events.dynamodbStreamRecord({ eventName: 'UPDATE' })
    // @ts-expect-error the detail does not match the declared detail type
    events.eventBridge<'OrderPlaced', { orderId: string }>({ detail: { orderId: 7 } })
    // @ts-expect-error requestContext.timeEpoch is a number
    events.apiGatewayV2({ requestContext: { timeEpoch: 'now' } })
    // @ts-expect-error an ALB event has no pathParameters
    events.alb({ pathParameters: {} })
  })

  it('rejects an HTTP variant that does not exist and ALB options on other variants', () => {
    // @ts-expect-error there is no such variant
    events.http('apiGatewayV3')
    // @ts-expect-error only ALB events have the multi-value headers setting
    events.http('apiGatewayV1', {}, { multiValueHeaders: true })
    // @ts-expect-error query values are strings or lists of strings
    events.http('apiGatewayV2', { query: { page: 2 } })
  })

  it('replaces arrays rather than making their elements partial', () => {
    expectTypeOf<DeepPartial<{ list: { a: string; b: string }[] }>>().toEqualTypeOf<{
      list?: { a: string; b: string }[]
    }>()
    // @ts-expect-error elements of an override array are whole
    deepMerge({ list: [{ a: 'x', b: 'y' }] }, { list: [{ a: 'z' }] })
  })
})

describe('context and invoke types', () => {
  it('creates a Context', () => {
    expectTypeOf(createContext()).toEqualTypeOf<Context>()
  })

  it('resolves to the awaited result of the handler', () => {
    expectTypeOf(invoke(async (event: SQSEvent) => event.Records.length, events.sqs())).toEqualTypeOf<
      Promise<number>
    >()
    expectTypeOf(invoke((event: string) => event, 'x', { remainingMs: 10 })).toEqualTypeOf<Promise<string>>()
    // @ts-expect-error the event does not fit the handler
    invoke((event: SQSEvent) => event, events.sns())
  })
})
