import { eventCapabilities, type InvocationRequest, type RequestCapabilities } from '@tsumiki/core'
import { createContext } from '@tsumiki/testing'
import { describe, expect, it } from 'vitest'
import { idempotent, isIdempotencyKeyMissingError, memoryStore } from '../../src/index.js'

/*
 * idempotent() asks the request's capabilities, never its kind: an adapter it has never heard of gets HTTP's
 * treatment by declaring HTTP's capabilities, and a request that calls itself 'http' without them gets none of it.
 */

function request(kind: string, capabilities: RequestCapabilities, eventId?: string): InvocationRequest {
  return {
    kind,
    event: {},
    context: createContext({ functionName: 'capabilities' }),
    signal: new AbortController().signal,
    deadlineAtMs: Number.POSITIVE_INFINITY,
    coldStart: false,
    correlationId: undefined,
    eventId,
    recordId: undefined,
    capabilities,
  }
}

const answersWithHeaders = (headers: Readonly<Record<string, string>>): RequestCapabilities => ({
  ...eventCapabilities,
  answersWithStatus: true,
  headerOf: (_request, name) => headers[name.toLowerCase()],
  callerOf: () => '["tenant","acme"]',
  fingerprintOf: () => 'POST /orders',
})

async function runTwice(made: InvocationRequest): Promise<{ runs: number; error: unknown }> {
  const middleware = idempotent({ store: memoryStore(), expiresAfterMs: 60_000 })
  let runs = 0
  let error: unknown
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await middleware.handle(made, () => ++runs, undefined)
    } catch (thrown) {
      error = thrown
    }
  }
  return { runs, error }
}

describe('idempotent() on a source it does not know', () => {
  it('keys a request by the Idempotency-Key header its capabilities give, whatever its kind', async () => {
    const { runs, error } = await runTwice(request('kafka', answersWithHeaders({ 'idempotency-key': 'k-1' })))
    expect(error).toBeUndefined()
    expect(runs).toBe(1)
  })

  it('refuses, naming the header, a request that answers with a status and sends no key', async () => {
    const { runs, error } = await runTwice(request('kafka', answersWithHeaders({})))
    expect(isIdempotencyKeyMissingError(error)).toBe(true)
    expect(error).toMatchObject({ status: 400, details: { header: 'Idempotency-Key' } })
    expect(runs).toBe(0)
  })

  it("gives a request of kind 'http' without HTTP's capabilities nothing of HTTP's: its event id keys it", async () => {
    const { runs, error } = await runTwice(request('http', eventCapabilities, 'event-7'))
    expect(error).toBeUndefined()
    expect(runs).toBe(1)
    const keyless = await runTwice(request('http', eventCapabilities))
    expect(keyless.error).toMatchObject({ code: 'IDEMPOTENCY_KEY_MISSING' })
    expect((keyless.error as { status: number }).status).toBe(400)
    expect((keyless.error as Error).message).toContain('has no event id')
  })
})
