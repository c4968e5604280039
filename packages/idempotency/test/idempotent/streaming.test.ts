import { lambda, replyStream, router, streamingHttp } from '@tsumiki/core'
import { captureLogs, events, invokeStream } from '@tsumiki/testing'
import { describe, expect, it } from 'vitest'
import { idempotent, memoryStore } from '../../src/index.js'

describe('idempotent() in a streaming function', () => {
  const post = (path: string, key: string) =>
    events.http('functionUrl', {
      method: 'POST',
      path,
      headers: { 'Idempotency-Key': key },
      body: { sku: 'tea' },
    })

  function api() {
    const store = memoryStore()
    const runs: string[] = []
    const routes = router()
      .post('/orders', (route) =>
        route.use(idempotent({ store, expiresAfterMs: 60_000 })).handle(() => {
          runs.push('order')
          return { orderNumber: runs.length }
        }),
      )
      .post('/exports', (route) =>
        route.use(idempotent({ store, expiresAfterMs: 60_000 })).handle(() => {
          runs.push('export')
          return replyStream({ body: ['row 1\n'] })
        }),
      )
    return { handler: lambda(streamingHttp()).handle(routes), runs, store }
  }

  it('keeps a buffered route once, and refuses a streamed answer with a 500 that says why, releasing the claim', async () => {
    const { handler, runs } = api()
    const logs = captureLogs()
    const first = await invokeStream(handler, post('/orders', 'k-1')).done
    const again = await invokeStream(handler, post('/orders', 'k-1')).done
    expect(again.body).toBe(first.body)
    expect(runs).toEqual(['order'])

    const streamed = await invokeStream(handler, post('/exports', 'k-2')).done
    expect(streamed.head?.status).toBe(500)
    expect(streamed.error).toBeUndefined()
    // Released: a retry runs (and is refused) again, rather than waiting on a claim nobody completes.
    const retried = await invokeStream(handler, post('/exports', 'k-2')).done
    expect(retried.head?.status).toBe(500)
    expect(runs).toEqual(['order', 'export', 'export'])
    logs.stop()
    expect(logs.lines).toEqual([
      expect.objectContaining({
        level: 'ERROR',
        error: expect.objectContaining({ code: 'IDEMPOTENCY_STREAMED_RESULT' }),
      }),
      expect.objectContaining({
        level: 'ERROR',
        error: expect.objectContaining({ code: 'IDEMPOTENCY_STREAMED_RESULT' }),
      }),
    ])
  })
})
