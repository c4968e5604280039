import { lambda, raw, setLogWriter } from '@tsumiki/core'
import { createContext } from '@tsumiki/testing'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { idempotent, makeIdempotent, memoryStore } from '../../src/index.js'

const lines: string[] = []
const restore = setLogWriter((line) => {
  lines.push(line)
})
afterEach(() => {
  lines.length = 0
})
afterAll(restore)

/** A memory store whose DeleteItem fails, as a throttled or unreachable table would. */
function storeThatCannotRelease() {
  const store = memoryStore()
  return {
    ...store,
    release: async () => {
      throw new Error('ProvisionedThroughputExceededException')
    },
  }
}

describe('a claim that cannot be released', () => {
  it('keeps the call’s own error for the caller and logs the release failure, naming the record', async () => {
    const job = makeIdempotent(
      (_: string) => {
        throw new TypeError('the core logic failed')
      },
      { store: storeThatCannotRelease(), expiresAfterMs: 1000, scope: 'jobs' },
    )
    await expect(job('k')).rejects.toThrow(TypeError)
    expect(lines).toHaveLength(1)
    const line = JSON.parse(lines[0] ?? '{}')
    expect(line).toMatchObject({
      level: 'ERROR',
      message: 'Could not release an idempotency claim; it runs out at its in-progress deadline',
      error: { message: 'ProvisionedThroughputExceededException' },
    })
    expect(line.idempotency_record).toMatch(/^jobs#/)
  })

  it('goes to the request’s logger when the chain has one', async () => {
    const logged: unknown[] = []
    const handler = lambda(raw<{ id: string }>())
      .use({
        name: 'fake-logger',
        handle: (_request, next: (added: { log: { error: (message: string) => void } }) => unknown) =>
          next({ log: { error: (message: string) => logged.push(message) } }),
      })
      .use(
        idempotent({ store: storeThatCannotRelease(), expiresAfterMs: 1000, key: ({ event }) => event.id }),
      )
      .handle(() => {
        throw new Error('boom')
      })
    await expect(handler({ id: '1' }, createContext())).rejects.toThrow('boom')
    expect(logged).toEqual([
      'Could not release an idempotency claim; it runs out at its in-progress deadline',
    ])
  })
})
