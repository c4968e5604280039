import { eventBridge, lambda, raw, sns, wrap } from '@tsumiki/core'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import * as z from 'zod'
import { isValidationError, type ValidationError, validate } from '../../src/index.js'
import { createContext } from '../support/context.js'
import { testDynamoDb, testKinesis, testSqs } from '../support/record-adapters.js'
import {
  dynamoDbEvent,
  eventBridgeEvent,
  kinesisEvent,
  snsEvent,
  snsNotificationJson,
  sqsEvent,
} from '../support/record-events.js'
import { libraries, orderWithZeroQty, validOrder } from '../support/schemas.js'

const context = createContext()

function expectValidationError(error: unknown): ValidationError {
  expect(isValidationError(error)).toBe(true)
  return error as ValidationError
}

describe.each(libraries)('SQS body with $library', ({ Order }) => {
  const handler = lambda(testSqs())
    .use(validate({ body: Order }))
    .handle((request) => request.input.body.items[0]?.qty)

  it('validates each record: only the bad one fails, with its issues on the error', async () => {
    const outcome = await handler(
      sqsEvent(JSON.stringify(validOrder), JSON.stringify(orderWithZeroQty), JSON.stringify(validOrder)),
      context,
    )
    expect(outcome.results).toEqual([2, 2])
    expect(outcome.failures.map((failure) => failure.recordId)).toEqual(['m2'])
    const error = expectValidationError(outcome.failures[0]?.error)
    expect(error.issues).toEqual([{ path: 'body.items[0].qty', message: expect.any(String) }])
    // A logger that prints only the message still shows what was wrong.
    expect(error.message).toMatch(/^body failed validation: body\.items\[0\]\.qty: /)
  })

  it('fails a record whose body is not JSON with a 400-kind error', async () => {
    const outcome = await handler(sqsEvent('not json'), context)
    const error = expectValidationError(outcome.failures[0]?.error)
    expect(error.status).toBe(400)
    expect(error.code).toBe('MALFORMED_INPUT')
    expect(error.issues).toEqual([{ path: 'body', message: 'invalid JSON: unexpected character' }])
  })
})

describe.each(libraries)('SNS notifications with $library', ({ Order }) => {
  it('validates the Message of an SNS event', async () => {
    const seen: unknown[] = []
    const handler = lambda(sns())
      .use(validate({ body: Order }))
      .handle((request) => {
        seen.push(request.input.body)
      })
    await handler(snsEvent(JSON.stringify(validOrder)), context)
    expect(seen).toEqual([validOrder])
    const failure = await handler(snsEvent(JSON.stringify(orderWithZeroQty)), context).catch((error) => error)
    expect(expectValidationError(failure).issues.map((issue) => issue.path)).toEqual(['body.items[0].qty'])
  })

  it("unwraps an SNS notification delivered through SQS with envelope: 'sns'", async () => {
    const handler = lambda(testSqs())
      .use(validate({ body: Order }, { envelope: 'sns' }))
      .handle((request) => request.input.body.id)
    const outcome = await handler(
      sqsEvent(
        snsNotificationJson(JSON.stringify(validOrder)),
        snsNotificationJson(JSON.stringify(orderWithZeroQty)),
        snsNotificationJson('{"id":'),
        JSON.stringify(validOrder),
      ),
      context,
    )
    expect(outcome.results).toEqual([validOrder.id])
    const [schema, payload, envelope] = outcome.failures.map((failure) =>
      expectValidationError(failure.error),
    )
    expect(schema?.issues).toEqual([{ path: 'body.items[0].qty', message: expect.any(String) }])
    expect(payload?.issues).toEqual([
      { path: 'body', message: 'invalid JSON in the SNS Message: it ends too early' },
    ])
    expect(envelope?.summary).toBe('body is not an SNS notification')
    expect(envelope?.status).toBe(400)
  })
})

describe.each(libraries)('EventBridge detail with $library', ({ Order }) => {
  it('validates detail as body, and as detail', async () => {
    const asBody = lambda(eventBridge())
      .use(validate({ body: Order }))
      .handle((request) => request.input.body.items.length)
    const asDetail = lambda(eventBridge())
      .use(validate({ detail: Order }))
      .handle((request) => request.input.detail.items.length)
    for (const handler of [asBody, asDetail]) {
      expect(await handler(eventBridgeEvent(validOrder), context)).toBe(1)
      const error = await handler(eventBridgeEvent(orderWithZeroQty), context).catch((failure) => failure)
      expect(expectValidationError(error).issues).toHaveLength(1)
    }
  })

  it("unwraps an EventBridge event delivered through SQS with envelope: 'eventbridge'", async () => {
    const handler = lambda(testSqs())
      .use(validate({ body: Order }, { envelope: 'eventbridge' }))
      .handle((request) => request.input.body.id)
    const outcome = await handler(
      sqsEvent(
        JSON.stringify(eventBridgeEvent(validOrder)),
        JSON.stringify(eventBridgeEvent(orderWithZeroQty)),
        JSON.stringify(validOrder),
      ),
      context,
    )
    expect(outcome.results).toEqual([validOrder.id])
    const [schema, envelope] = outcome.failures.map((failure) => expectValidationError(failure.error))
    expect(schema?.issues.map((issue) => issue.path)).toEqual(['body.items[0].qty'])
    expect(envelope?.summary).toBe('body is not an EventBridge event')
  })
})

describe.each(libraries)('Kinesis data with $library', ({ Order }) => {
  it('validates the decoded data of each record as JSON', async () => {
    const handler = lambda(testKinesis())
      .use(validate({ body: Order }))
      .handle((request) => request.input.body.id)
    const outcome = await handler(
      kinesisEvent(JSON.stringify(validOrder), JSON.stringify(orderWithZeroQty), '{broken'),
      context,
    )
    expect(outcome.results).toEqual([validOrder.id])
    expect(outcome.failures.map((failure) => failure.recordId)).toEqual(['s2', 's3'])
    expect(expectValidationError(outcome.failures[0]?.error).status).toBe(422)
    expect(expectValidationError(outcome.failures[1]?.error).status).toBe(400)
  })
})

describe.each([
  {
    library: 'zod',
    Keys: z.object({ pk: z.string() }),
    Item: z.object({ pk: z.string(), total: z.number().nonnegative(), tags: z.set(z.string()) }),
  },
  {
    library: 'valibot',
    Keys: v.object({ pk: v.string() }),
    Item: v.object({ pk: v.string(), total: v.pipe(v.number(), v.minValue(0)), tags: v.set(v.string()) }),
  },
])('DynamoDB Streams images with $library', ({ Keys, Item }) => {
  const handler = lambda(testDynamoDb())
    .use(validate({ keys: Keys, newImage: Item, oldImage: Item }))
    .handle((request) => [request.input.keys.pk, request.input.newImage.total - request.input.oldImage.total])

  it('validates the unmarshalled keys and images', async () => {
    const outcome = await handler(
      dynamoDbEvent(
        {
          keys: { pk: 'order#1' },
          oldImage: { pk: 'order#1', total: 10, tags: new Set(['a']) },
          newImage: { pk: 'order#1', total: 15, tags: new Set(['a', 'b']) },
        },
        {
          keys: { pk: 'order#2' },
          oldImage: { pk: 'order#2', total: 10, tags: new Set(['a']) },
          newImage: { pk: 'order#2', total: -1, tags: new Set(['a']) },
        },
      ),
      context,
    )
    expect(outcome.results).toEqual([['order#1', 5]])
    expect(outcome.failures.map((failure) => failure.recordId)).toEqual(['2'])
    expect(expectValidationError(outcome.failures[0]?.error).issues.map((issue) => issue.path)).toEqual([
      'newImage.total',
    ])
  })

  it('fails a record without the image the schema requires (an INSERT has no old image)', async () => {
    const outcome = await handler(
      dynamoDbEvent({ keys: { pk: 'order#3' }, newImage: { pk: 'order#3', total: 1, tags: new Set(['a']) } }),
      context,
    )
    expect(expectValidationError(outcome.failures[0]?.error).issues).toEqual([
      { path: 'oldImage', message: expect.any(String) },
    ])
  })
})

describe('the raw record and the raw event', () => {
  it.each(libraries)('validates the raw SQS record with $library', async ({ library }) => {
    const Record =
      library === 'zod'
        ? z.object({
            messageId: z.string(),
            attributes: z.object({ ApproximateReceiveCount: z.coerce.number().max(3) }),
          })
        : v.object({
            messageId: v.string(),
            attributes: v.object({
              ApproximateReceiveCount: v.pipe(v.string(), v.toNumber(), v.maxValue(3)),
            }),
          })
    const handler = lambda(testSqs())
      .use(validate({ record: Record }))
      .handle((request) => request.input.record.attributes.ApproximateReceiveCount)
    expect((await handler(sqsEvent('anything'), context)).results).toEqual([1])
    const tooMany = sqsEvent('anything')
    const records = [{ ...tooMany.Records[0]!, attributes: { ApproximateReceiveCount: '4' } }]
    const outcome = await handler({ Records: records }, context)
    expect(expectValidationError(outcome.failures[0]?.error).issues.map((issue) => issue.path)).toEqual([
      'record.attributes.ApproximateReceiveCount',
    ])
  })

  it.each(libraries)('validates the event of a raw chain and of wrap() with $library', async ({ Order }) => {
    const viaRaw = lambda(raw())
      .use(validate({ event: Order }))
      .handle((request) => request.input.event.items.length)
    expect(await viaRaw(validOrder, context)).toBe(1)
    const legacy = async (event: unknown) => ({ ok: event !== undefined })
    const wrapped = wrap(legacy).use(validate({ event: Order }))
    expect(await wrapped(validOrder, context)).toEqual({ ok: true })
    const failure = await wrapped(orderWithZeroQty, context).catch((error) => error)
    expect(expectValidationError(failure).issues.map((issue) => issue.path)).toEqual(['event.items[0].qty'])
  })
})
