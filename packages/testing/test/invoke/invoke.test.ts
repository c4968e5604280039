import type { Context, SQSEvent } from 'aws-lambda'
import { describe, expect, it } from 'vitest'
import { createContext, events, invoke } from '../../src/index.js'

describe('invoke', () => {
  it('passes the event and a fresh context to the handler and resolves to its result', async () => {
    const event = events.sqs()
    let received: { event: SQSEvent; context: Context } | undefined
    const result = await invoke((handlerEvent: SQSEvent, context) => {
      received = { event: handlerEvent, context }
      return handlerEvent.Records.length
    }, event)
    expect(result).toBe(1)
    expect(received?.event).toBe(event)
    expect(received?.context.getRemainingTimeInMillis()).toBeGreaterThan(29_000)
  })

  it('awaits an async handler', async () => {
    const result = await invoke(async (name: string) => `hello ${name}`, 'world')
    expect(result).toBe('hello world')
  })

  it('uses a given context as is', async () => {
    const context = createContext({ functionName: 'given' })
    const seen = await invoke((_event: null, handlerContext) => handlerContext, null, context)
    expect(seen).toBe(context)
  })

  it('creates a context from options', async () => {
    const seen = await invoke((_event: null, context) => context, null, {
      functionName: 'from-options',
      remainingMs: 500,
    })
    expect(seen.functionName).toBe('from-options')
    expect(seen.getRemainingTimeInMillis()).toBeLessThanOrEqual(500)
  })

  it('rejects with what the handler throws, synchronously or not', async () => {
    await expect(
      invoke(() => {
        throw new Error('sync failure')
      }, {}),
    ).rejects.toThrow('sync failure')
    await expect(invoke(async () => Promise.reject(new Error('async failure')), {})).rejects.toThrow(
      'async failure',
    )
  })
})
