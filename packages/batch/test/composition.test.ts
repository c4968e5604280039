import { lambda } from '@tsumiki/core'
import { validate } from '@tsumiki/validation'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { sqs } from '../src/index.js'
import { captureStderr, createContext, sqsEvent } from './fixtures.js'

let stderr: ReturnType<typeof captureStderr>
beforeEach(() => {
  stderr = captureStderr()
})
afterEach(() => stderr.restore())

const Order = z.object({ orderId: z.string(), total: z.number().positive() })

describe('batch + validation', () => {
  it('fails only the invalid and the poison message, and logs each once', async () => {
    const charged: string[] = []
    const handler = lambda(sqs())
      .use(validate({ body: Order }))
      .handle(({ body }) => {
        if (body.orderId === 'poison') throw new Error('payment provider rejected the card')
        charged.push(body.orderId)
      })
    const event = sqsEvent([
      { id: 'good-1', body: JSON.stringify({ orderId: 'o-1', total: 10 }) },
      { id: 'invalid', body: JSON.stringify({ orderId: 'o-2', total: -5 }) },
      { id: 'poison', body: JSON.stringify({ orderId: 'poison', total: 3 }) },
      { id: 'good-2', body: JSON.stringify({ orderId: 'o-3', total: 7 }) },
    ])
    const response = await handler(event, createContext())
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'invalid' }, { itemIdentifier: 'poison' }])
    expect(charged).toEqual(['o-1', 'o-3'])
    const lines = stderr.lines()
    expect(lines.map((line) => line.message)).toEqual([
      'sqs record invalid failed',
      'sqs record poison failed',
    ])
    expect(lines[0]).toMatchObject({ error: { code: 'VALIDATION_FAILED' } })
  })
})
