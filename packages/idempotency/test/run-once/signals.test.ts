import { http, lambda, type SignalArguments } from '@tsumiki/core'
import { createContext, events } from '@tsumiki/testing'
import { describe, expect, it } from 'vitest'
import { observingSignals } from '../../../../test/support/observing-signals.js'
import { idempotent, memoryStore } from '../../src/index.js'
import { deferred } from '../support/stores.js'

/*
 * What idempotent() made of each call, reported as an `idempotency.outcome` signal (which metrics() counts): first
 * sight, a duplicate answered from the store, one refused while in progress, a local-cache hit, another payload.
 */

const order = (key: string, qty: number) =>
  events.http('apiGatewayV2', {
    method: 'POST',
    path: '/orders',
    headers: { 'idempotency-key': key },
    body: { sku: 'tea', qty },
  })

const outcomes = (received: readonly SignalArguments[]) =>
  received.flatMap(([name, fields]) => (name === 'idempotency.outcome' ? [fields.outcome] : []))

describe('idempotency.outcome signals', () => {
  it('say first sight, duplicate, local-cache hit, payload mismatch and in progress', async () => {
    const received: SignalArguments[] = []
    const store = memoryStore()
    const gate = deferred()
    const chain = (localCache: boolean) =>
      lambda(http())
        .use(observingSignals((signal) => received.push(signal)))
        .use(idempotent({ store, expiresAfterMs: 60_000, localCache }))
        .handle(async ({ body }) => {
          if (body?.includes('"qty":9') === true) await gate.promise
          return { placed: true }
        })
    const cached = chain(true)
    const uncached = chain(false)

    await cached(order('k-1', 1), createContext())
    await cached(order('k-1', 1), createContext())
    await uncached(order('k-1', 1), createContext())
    await uncached(order('k-1', 2), createContext())
    const slow = uncached(order('k-2', 9), createContext())
    await new Promise((resolve) => setImmediate(resolve))
    const refused = await uncached(order('k-2', 9), createContext())
    gate.resolve()
    await slow

    expect(refused.statusCode).toBe(409)
    expect(outcomes(received)).toEqual([
      'first-sight',
      'local-cache-hit',
      'duplicate',
      'payload-mismatch',
      'first-sight',
      'in-progress',
    ])
  })
})
