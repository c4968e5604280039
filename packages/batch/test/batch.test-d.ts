import { type HttpRequest, lambda, type Middleware, middleware } from '@tsumiki/core'
import { describe, expectTypeOf, it } from 'vitest'
import {
  type DynamoDbStreamHandler,
  type DynamoDbStreamRequest,
  dynamodbStreams,
  type KinesisHandler,
  type KinesisRequest,
  kinesis,
  type RecordRequest,
  type SQSBatchResponse,
  type SQSEvent,
  type SqsHandler,
  type SqsRequest,
  sqs,
} from '../src/index.js'

describe('batch adapter types', () => {
  it('gives the handler the per-record request of its source', () => {
    lambda(sqs()).handle((request) => {
      expectTypeOf(request).toEqualTypeOf<SqsRequest>()
      expectTypeOf(request.kind).toEqualTypeOf<'sqs'>()
      expectTypeOf(request.body).toEqualTypeOf<string>()
      expectTypeOf(request.messageGroupId).toEqualTypeOf<string | undefined>()
      expectTypeOf(request.receiveCount).toEqualTypeOf<number>()
      expectTypeOf(request.attributes).toEqualTypeOf<Readonly<Record<string, string>>>()
    })
    lambda(kinesis()).handle((request) => {
      expectTypeOf(request).toEqualTypeOf<KinesisRequest>()
      expectTypeOf(request.body).toEqualTypeOf<string>()
      expectTypeOf(request.arrivedAtMs).toEqualTypeOf<number>()
    })
    lambda(dynamodbStreams()).handle((request) => {
      expectTypeOf(request).toEqualTypeOf<DynamoDbStreamRequest>()
      expectTypeOf(request.eventName).toEqualTypeOf<'INSERT' | 'MODIFY' | 'REMOVE'>()
      expectTypeOf(request.newImage).toEqualTypeOf<Record<string, unknown> | undefined>()
      // DynamoDB stream records have no body: a body validator does not apply to them.
      expectTypeOf(request).not.toHaveProperty('body')
    })
  })

  it('returns the named handler type of each source', () => {
    expectTypeOf(lambda(sqs()).handle(() => {})).toEqualTypeOf<SqsHandler>()
    expectTypeOf(lambda(kinesis()).handle(() => {})).toEqualTypeOf<KinesisHandler>()
    expectTypeOf(lambda(dynamodbStreams()).handle(() => {})).toEqualTypeOf<DynamoDbStreamHandler>()
    expectTypeOf<SqsHandler>().parameter(0).toEqualTypeOf<SQSEvent>()
    expectTypeOf<SqsHandler>().returns.toEqualTypeOf<Promise<SQSBatchResponse>>()
  })

  it('lets a middleware written once against RecordRequest serve every batch source', () => {
    const keyed = middleware<RecordRequest, { idempotencyKey: string }>({
      name: 'keyed',
      handle: (request, next) => next({ idempotencyKey: request.recordId }),
    })
    lambda(sqs())
      .use(keyed)
      .handle((request) => {
        expectTypeOf(request.idempotencyKey).toEqualTypeOf<string>()
        expectTypeOf(request.messageId).toEqualTypeOf<string>()
      })
    lambda(kinesis())
      .use(keyed)
      .handle((request) => expectTypeOf(request.idempotencyKey).toEqualTypeOf<string>())
    lambda(dynamodbStreams())
      .use(keyed)
      .handle((request) => expectTypeOf(request.idempotencyKey).toEqualTypeOf<string>())
  })

  it('lets a middleware add the parsed body beside the raw one', () => {
    const parse = middleware<{ body: string }, { input: { body: { orderId: string } } }>({
      name: 'parse',
      handle: (request, next) => next({ input: { body: JSON.parse(request.body) as { orderId: string } } }),
    })
    lambda(sqs())
      .use(parse)
      .handle((request) => {
        expectTypeOf(request.input.body).toEqualTypeOf<{ orderId: string }>()
        expectTypeOf(request.body).toEqualTypeOf<string>()
        expectTypeOf(request.recordId).toEqualTypeOf<string>()
      })
  })

  it('rejects a middleware the record request cannot satisfy', () => {
    const httpOnly = {} as Middleware<HttpRequest>
    // @ts-expect-error an SQS record has no method, path or headers
    lambda(sqs()).use(httpOnly)
    const needsBody = middleware<{ body: string }>({ name: 'needsBody', handle: (_request, next) => next() })
    // @ts-expect-error no field `body` on DynamoDB stream records
    lambda(dynamodbStreams()).use(needsBody)
    lambda(sqs()).use(needsBody)
    lambda(kinesis()).use(needsBody)
  })

  it('accepts only the documented options', () => {
    sqs({
      concurrency: 5,
      fifo: 'auto',
      onFifoFailure: 'fail-rest-of-group',
      throwWhenEveryRecordFails: false,
    })
    kinesis({ concurrency: 4 })
    dynamodbStreams({ unmarshall: (image) => ({ ...image }) })
    // @ts-expect-error not a FIFO failure scope
    sqs({ onFifoFailure: 'skip' })
    // @ts-expect-error FIFO is only for SQS
    kinesis({ fifo: true })
  })
})
