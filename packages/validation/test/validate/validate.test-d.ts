import { eventBridge, http, lambda, raw, sns } from '@tsumiki/core'
import * as v from 'valibot'
import { describe, expectTypeOf, it } from 'vitest'
import * as z from 'zod'
import { type ValidationError, type ValidationIssue, validate } from '../../src/index.js'
import { testDynamoDb, testKinesis, testSqs } from '../support/record-adapters.js'

const Order = z.object({
  id: z.uuid(),
  items: z.array(z.object({ sku: z.string(), qty: z.number().int() })),
  placedAt: z.iso.datetime().transform((text) => new Date(text)),
})
const ValibotOrder = v.object({
  id: v.string(),
  items: v.array(v.object({ sku: v.string(), qty: v.number() })),
  placedAt: v.pipe(
    v.string(),
    v.transform((text) => new Date(text)),
  ),
})

describe('the request after validate()', () => {
  it('has body typed as the zod schema output', () => {
    lambda(http())
      .use(validate({ body: Order }))
      .handle((request) => {
        expectTypeOf(request.input.body).toEqualTypeOf<z.output<typeof Order>>()
        expectTypeOf(request.input.body.placedAt).toEqualTypeOf<Date>()
        // The rest of the HTTP request is untouched.
        expectTypeOf(request.method).toEqualTypeOf<string>()
        expectTypeOf(request.headers).toEqualTypeOf<Readonly<Record<string, string>>>()
        return null
      })
  })

  it('has body typed as the valibot schema output', () => {
    lambda(http())
      .use(validate({ body: ValibotOrder }))
      .handle((request) => {
        expectTypeOf(request.input.body).toEqualTypeOf<v.InferOutput<typeof ValibotOrder>>()
        return null
      })
  })

  it('types every part it checks, and only those', () => {
    lambda(http())
      .use(
        validate({
          query: z.object({ page: z.coerce.number() }),
          pathParams: v.object({ orderId: v.string() }),
          headers: z.looseObject({ 'x-api-key': z.string() }),
          cookies: z.object({ session: z.string() }),
          output: z.object({ ok: z.boolean() }),
        }),
      )
      .handle((request) => {
        expectTypeOf(request.input.query).toEqualTypeOf<{ page: number }>()
        expectTypeOf(request.input.pathParams).toEqualTypeOf<{ orderId: string }>()
        expectTypeOf(request.input.headers['x-api-key']).toEqualTypeOf<string>()
        expectTypeOf(request.input.cookies).toEqualTypeOf<{ session: string }>()
        expectTypeOf(request.body).toEqualTypeOf<string | undefined>()
        return { ok: true }
      })
  })

  it('types record sources: SQS body and record, Kinesis body, DynamoDB images and keys', () => {
    lambda(testSqs())
      .use(validate({ body: Order, record: z.object({ messageId: z.string() }) }))
      .handle((request) => {
        expectTypeOf(request.input.body).toEqualTypeOf<z.output<typeof Order>>()
        expectTypeOf(request.input.record).toEqualTypeOf<{ messageId: string }>()
        expectTypeOf(request.recordId).toEqualTypeOf<string>()
      })
    lambda(testKinesis())
      .use(validate({ body: ValibotOrder }))
      .handle((request) => {
        expectTypeOf(request.input.body.items).toEqualTypeOf<{ sku: string; qty: number }[]>()
      })
    lambda(testDynamoDb())
      .use(validate({ keys: z.object({ pk: z.string() }), newImage: Order, oldImage: Order.optional() }))
      .handle((request) => {
        expectTypeOf(request.input.keys).toEqualTypeOf<{ pk: string }>()
        expectTypeOf(request.input.newImage).toEqualTypeOf<z.output<typeof Order>>()
        expectTypeOf(request.input.oldImage).toEqualTypeOf<z.output<typeof Order> | undefined>()
      })
  })

  it('types EventBridge detail and body, SNS body and a raw event', () => {
    lambda(eventBridge())
      .use(validate({ detail: Order }))
      .handle((request) => {
        expectTypeOf(request.input.detail).toEqualTypeOf<z.output<typeof Order>>()
        expectTypeOf(request.body).toEqualTypeOf<unknown>()
      })
    lambda(sns())
      .use(validate({ body: Order }))
      .handle((request) => {
        expectTypeOf(request.input.body).toEqualTypeOf<z.output<typeof Order>>()
      })
    lambda(raw())
      .use(validate({ event: Order }))
      .handle((request) => {
        expectTypeOf(request.input.event).toEqualTypeOf<z.output<typeof Order>>()
      })
  })

  it('stacks: a later validate() sees the earlier one’s types', () => {
    lambda(http())
      .use(validate({ body: Order }))
      .use(validate({ query: z.object({ dryRun: z.stringbool() }) }))
      .handle((request) => {
        expectTypeOf(request.input.body.id).toEqualTypeOf<string>()
        expectTypeOf(request.input.query.dryRun).toEqualTypeOf<boolean>()
      })
  })
})

describe('parts the source does not have do not compile', () => {
  it('refuses HTTP parts on SNS, DynamoDB parts on HTTP, detail on SQS', () => {
    // @ts-expect-error SNS requests have no query
    lambda(sns()).use(validate({ query: z.object({}) }))
    // @ts-expect-error HTTP requests have no newImage
    lambda(http()).use(validate({ newImage: z.object({}) }))
    // @ts-expect-error SQS requests have no EventBridge detail
    lambda(testSqs()).use(validate({ detail: z.object({}) }))
    // @ts-expect-error DynamoDB Streams records have no body
    lambda(testDynamoDb()).use(validate({ body: z.object({}) }))
    // @ts-expect-error EventBridge has no pathParams
    lambda(eventBridge()).use(validate({ pathParams: v.object({}) }))
  })

  it("refuses a 'path' part (it is pathParams) and anything that is not a schema", () => {
    // @ts-expect-error there is no path part: path parameters are pathParams
    validate({ path: z.object({ id: z.string() }) })
    // @ts-expect-error a schema is a Standard Schema, not a plain function
    validate({ body: (value: unknown) => value })
    // @ts-expect-error bodyFormat is one of auto, json, form, text
    validate({ body: Order }, { bodyFormat: 'xml' })
  })

  it('keeps an output-only validate() usable on any source', () => {
    lambda(sns()).use(validate({ output: z.undefined() }))
    lambda(testDynamoDb()).use(validate({ output: z.void() }))
  })
})

describe('errors', () => {
  it('carries typed issues', () => {
    expectTypeOf<ValidationError['issues']>().toEqualTypeOf<readonly ValidationIssue[]>()
    expectTypeOf<ValidationError['status']>().toEqualTypeOf<400 | 415 | 422>()
  })
})
