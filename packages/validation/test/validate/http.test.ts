import { http, lambda, reply } from '@tsumiki/core'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import * as z from 'zod'
import { validate } from '../../src/index.js'
import { createContext } from '../support/context.js'
import { httpEvent, jsonEvent } from '../support/http-event.js'
import { libraries, orderWithZeroQty, validOrder, ZodOrder } from '../support/schemas.js'

interface Response {
  readonly statusCode?: number
  readonly body?: string
}

async function send(handler: (event: never, context: never) => Promise<unknown>, event: unknown) {
  const response = (await handler(event as never, createContext() as never)) as Response
  return {
    status: response.statusCode,
    body: response.body === undefined ? undefined : JSON.parse(response.body),
  }
}

describe.each(libraries)('HTTP body with $library', ({ Order }) => {
  const handler = lambda(http())
    .use(validate({ body: Order }))
    .handle((request) => ({ received: request.input.body }))

  it('hands the handler the parsed, validated body', async () => {
    expect(await send(handler, jsonEvent(validOrder))).toEqual({
      status: 200,
      body: { received: validOrder },
    })
  })

  it('answers 422 naming the path and the problem of every issue', async () => {
    const { status, body } = await send(handler, jsonEvent(orderWithZeroQty))
    expect(status).toBe(422)
    expect(body).toEqual({
      error: {
        type: 'validation',
        message: 'body failed validation',
        issues: [{ path: 'body.items[0].qty', message: expect.stringMatching(/1/) }],
      },
    })
  })

  it('answers 400 when the body is not JSON, without echoing it', async () => {
    const { status, body } = await send(
      handler,
      httpEvent({ body: '{"password":"hunter2-secret"', headers: { 'content-type': 'application/json' } }),
    )
    expect(status).toBe(400)
    expect(body).toEqual({
      error: {
        type: 'validation',
        message: 'body is not valid JSON',
        issues: [
          { path: 'body', message: "invalid JSON: Expected ',' or '}' after property value at position 28" },
        ],
      },
    })
  })

  it('reads a base64-encoded body', async () => {
    const encoded = Buffer.from(JSON.stringify(validOrder)).toString('base64')
    const event = httpEvent({
      body: encoded,
      isBase64Encoded: true,
      headers: { 'content-type': 'application/json' },
    })
    expect(await send(handler, event)).toEqual({ status: 200, body: { received: validOrder } })
  })

  it('reads a body without a content type as JSON', async () => {
    expect(await send(handler, httpEvent({ body: JSON.stringify(validOrder) }))).toEqual({
      status: 200,
      body: { received: validOrder },
    })
  })

  it('reads a +json content type with parameters as JSON', async () => {
    const event = httpEvent({
      body: JSON.stringify(validOrder),
      headers: { 'content-type': 'application/vnd.orders+json; charset=utf-8' },
    })
    expect((await send(handler, event)).status).toBe(200)
  })

  it('answers 422 for a missing or empty body: the schema says a body is required', async () => {
    for (const event of [
      httpEvent(),
      httpEvent({ body: '', headers: { 'content-type': 'application/json' } }),
    ]) {
      const { status, body } = await send(handler, event)
      expect(status).toBe(422)
      expect(body.error.issues).toEqual([{ path: 'body', message: expect.any(String) }])
    }
  })
})

describe('HTTP body parsing', () => {
  it('gives the JSON parser position when the syntax error has one', async () => {
    const handler = lambda(http())
      .use(validate({ body: ZodOrder }))
      .handle(() => 'ok')
    const { status, body } = await send(handler, httpEvent({ body: '{' }))
    expect(status).toBe(400)
    expect(body.error.issues).toEqual([
      { path: 'body', message: "invalid JSON: Expected property name or '}' at position 1" },
    ])
  })

  it.each([
    ['zod', z.object({ name: z.string(), tag: z.array(z.string()) })],
    ['valibot', v.object({ name: v.string(), tag: v.array(v.string()) })],
  ])('reads a form body with %s, repeated names as arrays', async (_library, Form) => {
    const handler = lambda(http())
      .use(validate({ body: Form }))
      .handle((request) => request.input.body)
    const event = httpEvent({
      body: 'name=Ada+Lovelace&tag=a&tag=b%26c',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    })
    expect(await send(handler, event)).toEqual({
      status: 200,
      body: { name: 'Ada Lovelace', tag: ['a', 'b&c'] },
    })

    const single = httpEvent({
      body: 'name=Ada&tag=a',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    const { status, body } = await send(handler, single)
    expect(status).toBe(422)
    expect(body.error.issues).toEqual([{ path: 'body.tag', message: expect.any(String) }])
  })

  it('validates the raw text of other content types', async () => {
    const handler = lambda(http())
      .use(validate({ body: z.string().startsWith('BEGIN:VCALENDAR') }))
      .handle((request) => request.input.body.length)
    const ok = httpEvent({
      body: 'BEGIN:VCALENDAR\nEND:VCALENDAR',
      headers: { 'content-type': 'text/calendar' },
    })
    expect(await send(handler, ok)).toEqual({ status: 200, body: 29 })
    const bad = httpEvent({ body: '{"not":"a calendar"}', headers: { 'content-type': 'text/plain' } })
    expect((await send(handler, bad)).status).toBe(422)
  })

  it('reads the body as JSON whatever the content type with bodyFormat: json', async () => {
    const handler = lambda(http())
      .use(validate({ body: ZodOrder }, { bodyFormat: 'json' }))
      .handle(() => 'ok')
    const event = httpEvent({ body: JSON.stringify(validOrder), headers: { 'content-type': 'text/plain' } })
    expect((await send(handler, event)).status).toBe(200)
  })

  it('never echoes a secret the schema library quotes in its message', async () => {
    const token = 'sk_live_0123456789abcdef'
    const handler = lambda(http())
      .use(
        validate({ body: v.object({ amount: v.number(), card: v.pipe(v.string(), v.regex(/^\d{16}$/)) }) }),
      )
      .handle(() => 'ok')
    const { status, body } = await send(handler, jsonEvent({ amount: token, card: token }))
    expect(status).toBe(422)
    expect(JSON.stringify(body)).not.toContain(token)
    expect(body.error.issues).toEqual([
      { path: 'body.amount', message: 'Invalid type: Expected number but received <redacted>' },
      { path: 'body.card', message: expect.stringContaining('<redacted>') },
    ])
  })
})

describe.each([
  {
    library: 'zod',
    Query: z.object({ page: z.coerce.number().int().min(1) }),
    Params: z.object({ orderId: z.uuid() }),
    Headers: z.looseObject({ 'x-api-key': z.string().min(8) }),
    Cookies: z.object({ session: z.string().length(6) }),
    MultiQuery: z.object({ tag: z.array(z.string()).max(2) }),
  },
  {
    library: 'valibot',
    Query: v.object({ page: v.pipe(v.string(), v.toNumber(), v.integer(), v.minValue(1)) }),
    Params: v.object({ orderId: v.pipe(v.string(), v.uuid()) }),
    Headers: v.looseObject({ 'x-api-key': v.pipe(v.string(), v.minLength(8)) }),
    Cookies: v.object({ session: v.pipe(v.string(), v.length(6)) }),
    MultiQuery: v.object({ tag: v.pipe(v.array(v.string()), v.maxLength(2)) }),
  },
])('HTTP query, pathParams, headers, cookies and multiQuery with $library', (schemas) => {
  const handler = lambda(http())
    .use(
      validate({
        query: schemas.Query,
        pathParams: schemas.Params,
        headers: schemas.Headers,
        cookies: schemas.Cookies,
        multiQuery: schemas.MultiQuery,
      }),
    )
    .handle((request) => ({
      page: request.input.query.page,
      orderId: request.input.pathParams.orderId,
      key: request.input.headers['x-api-key'],
      session: request.input.cookies.session,
      tags: request.input.multiQuery.tag,
    }))

  const good = {
    method: 'GET',
    rawQueryString: 'page=2&tag=a&tag=b',
    pathParameters: { orderId: validOrder.id },
    headers: { 'x-api-key': 'key-12345678' },
    cookies: ['session=abcdef'],
  }

  it('hands the handler every part as its schema output', async () => {
    expect(await send(handler, httpEvent(good))).toEqual({
      status: 200,
      body: { page: 2, orderId: validOrder.id, key: 'key-12345678', session: 'abcdef', tags: ['a', 'b'] },
    })
  })

  it('reports the issues of every part in one 422', async () => {
    const { status, body } = await send(
      handler,
      httpEvent({
        method: 'GET',
        rawQueryString: 'page=0&tag=a&tag=b&tag=c',
        pathParameters: { orderId: 'nope' },
        headers: { 'x-api-key': 'short' },
        cookies: ['session=abc'],
      }),
    )
    expect(status).toBe(422)
    expect(body.error.message).toBe('pathParams, query, multiQuery, headers and cookies failed validation')
    expect(body.error.issues.map((issue: { path: string }) => issue.path)).toEqual([
      'pathParams.orderId',
      'query.page',
      'multiQuery.tag',
      'headers["x-api-key"]',
      'cookies.session',
    ])
  })
})

describe('HTTP errors', () => {
  it('answers 422 with exactly this body and content type', async () => {
    const handler = lambda(http())
      .use(validate({ body: ZodOrder }))
      .handle(() => 'ok')
    const response = await handler(
      jsonEvent({ id: 'nope', items: [{ sku: 'tea', qty: 0 }] }),
      createContext(),
    )
    expect(response.statusCode).toBe(422)
    expect(response.headers).toEqual({ 'content-type': 'application/json; charset=utf-8' })
    expect(response.body).toBe(
      JSON.stringify({
        error: {
          type: 'validation',
          message: 'body failed validation',
          issues: [
            { path: 'body.id', message: 'Invalid UUID' },
            { path: 'body.items[0].qty', message: 'Too small: expected number to be >=1' },
          ],
        },
      }),
    )
  })

  it('reports only the unreadable body (400) when another part also fails', async () => {
    const handler = lambda(http())
      .use(validate({ query: z.object({ page: z.string() }), body: ZodOrder }))
      .handle(() => 'ok')
    const { status, body } = await send(handler, httpEvent({ body: 'not json' }))
    expect(status).toBe(400)
    expect(body.error.issues).toEqual([{ path: 'body', message: 'invalid JSON: unexpected character' }])
  })

  it('lets a handler replying with reply() still run after validation', async () => {
    const handler = lambda(http())
      .use(validate({ body: ZodOrder }))
      .handle((request) => reply({ status: 201, body: { id: request.input.body.id } }))
    expect(await send(handler, jsonEvent(validOrder))).toEqual({ status: 201, body: { id: validOrder.id } })
  })
})
