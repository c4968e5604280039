import { alb } from './events/alb.js'
import { apiGatewayV1 } from './events/api-gateway-v1.js'
import { apiGatewayV2 } from './events/api-gateway-v2.js'
import { dynamodbStream, dynamodbStreamRecord } from './events/dynamodb-stream.js'
import { eventBridge } from './events/eventbridge.js'
import { functionUrl } from './events/function-url.js'
import { http } from './events/http.js'
import { kinesis, kinesisRecord } from './events/kinesis.js'
import { s3, s3Record } from './events/s3.js'
import { schedule } from './events/schedule.js'
import { sns, snsRecord } from './events/sns.js'
import { sqs, sqsRecord } from './events/sqs.js'

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
}
