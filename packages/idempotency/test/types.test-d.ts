import { sqs } from '@tsumiki/batch'
import { type HttpRequest, http, lambda, type Middleware, sns } from '@tsumiki/core'
import { describe, expectTypeOf, it } from 'vitest'
import {
  type IdempotencyInProgressError,
  type IdempotentOptions,
  idempotent,
  isIdempotencyInProgressError,
  makeIdempotent,
  memoryStore,
} from '../src/index.js'

const store = memoryStore()

describe('idempotent()', () => {
  it('types key() and payload() with the request of the chain it is used on', () => {
    lambda(http()).use(
      idempotent({
        store,
        expiresAfterMs: 1000,
        key: (request) => {
          expectTypeOf(request).toEqualTypeOf<HttpRequest>()
          return request.headers['x-request-id']
        },
        payload: (request) => request.body,
      }),
    )
    lambda(sqs()).use(
      idempotent({ store, expiresAfterMs: 1000, key: ({ attributes }) => attributes.orderId }),
    )
  })

  it('types caller() with the request, and takes false', () => {
    lambda(http()).use(
      idempotent({
        store,
        expiresAfterMs: 1000,
        caller: (request) => {
          expectTypeOf(request).toEqualTypeOf<HttpRequest>()
          return request.headers['x-tenant-id']
        },
      }),
    )
    lambda(http()).use(idempotent({ store, expiresAfterMs: 1000, caller: false }))
    // @ts-expect-error a caller is text
    idempotent<HttpRequest>({ store, expiresAfterMs: 1, caller: () => 42 })
    // @ts-expect-error caller is false or a function
    idempotent({ store, expiresAfterMs: 1, caller: true })
  })

  it('adds nothing to the request', () => {
    expectTypeOf(idempotent<HttpRequest>({ store, expiresAfterMs: 1 })).toEqualTypeOf<
      Middleware<HttpRequest>
    >()
  })

  it('refuses a chain whose request lacks what key() reads', () => {
    const onHttp = idempotent<HttpRequest>({ store, expiresAfterMs: 1, key: (request) => request.headers.a })
    // @ts-expect-error an SNS request has no headers
    lambda(sns()).use(onHttp)
  })

  it('needs expiresAfterMs, and key() must return a string', () => {
    // @ts-expect-error expiresAfterMs is required
    idempotent({ store })
    // @ts-expect-error a key is text
    idempotent<HttpRequest>({ store, expiresAfterMs: 1, key: () => 42 })
    // @ts-expect-error payload is false or a function
    idempotent({ store, expiresAfterMs: 1, payload: true })
    expectTypeOf<IdempotentOptions['localCache']>().toEqualTypeOf<
      boolean | { readonly maxEntries?: number; readonly maxBytes?: number } | undefined
    >()
  })
})

describe('makeIdempotent()', () => {
  it('keeps the function’s input and result types, and the call is always async', () => {
    const charge = makeIdempotent(
      (input: { orderId: string; cents: number }) => ({
        chargeId: `ch_${input.orderId}`,
        cents: input.cents,
      }),
      { store, expiresAfterMs: 1000, key: (input) => input.orderId, scope: 'charge' },
    )
    expectTypeOf(charge).parameter(0).toEqualTypeOf<{ orderId: string; cents: number }>()
    expectTypeOf(charge({ orderId: 'o', cents: 1 })).toEqualTypeOf<
      Promise<{ chargeId: string; cents: number }>
    >()
    // @ts-expect-error the input is checked
    charge({ orderId: 1 })
  })

  it('types key() with the function’s input', () => {
    makeIdempotent((input: { orderId: string }) => input, {
      store,
      expiresAfterMs: 1,
      // @ts-expect-error input has no `id`
      key: (input) => input.id,
    })
  })
})

describe('errors', () => {
  it('narrow with their is* helpers', () => {
    const error: unknown = new Error('x')
    if (isIdempotencyInProgressError(error)) {
      expectTypeOf(error).toEqualTypeOf<IdempotencyInProgressError>()
      expectTypeOf(error.retryAfterMs).toBeNumber()
      expectTypeOf(error.status).toBeNumber()
    }
  })
})
