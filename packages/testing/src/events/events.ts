import { alb } from './alb.js'
import { apiGatewayV1 } from './api-gateway-v1.js'
import { apiGatewayV2 } from './api-gateway-v2.js'
import { dynamodbStream, dynamodbStreamRecord } from './dynamodb-stream.js'
import { eventBridge } from './eventbridge.js'
import { functionUrl } from './function-url.js'
import { http } from './http.js'
import { kafka, kafkaRecord, selfManagedKafka } from './kafka.js'
import { kinesis, kinesisRecord } from './kinesis.js'
import { s3, s3Record } from './s3.js'
import { schedule } from './schedule.js'
import { sns, snsRecord } from './sns.js'
import { sqs, sqsRecord } from './sqs.js'

/**
 * Factories of realistic Lambda events, one per source, each returning the exact `@types/aws-lambda` type.
 * Every call makes fresh ids and timestamps; overrides are merged in at any depth (arrays replace).
 */
export const events = {
  apiGatewayV1,
  apiGatewayV2,
  functionUrl,
  alb,
  http,
  sqs,
  sqsRecord,
  sns,
  snsRecord,
  s3,
  s3Record,
  eventBridge,
  schedule,
  kinesis,
  kinesisRecord,
  dynamodbStream,
  dynamodbStreamRecord,
  kafka,
  selfManagedKafka,
  kafkaRecord,
}
