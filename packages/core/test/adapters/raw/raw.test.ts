import { describe, expect, it } from 'vitest'
import { lambda, raw } from '../../../src/index.js'
import { context } from '../../support/index.js'

describe('raw()', () => {
  it('hands the chain the event untouched and answers with what the handler returns', async () => {
    const event = { detail: ['any', 'shape'] }
    const seen: unknown[] = []
    const handler = lambda(raw<typeof event, string>()).handle((request) => {
      seen.push(request.kind, request.event, request.recordId)
      return 'answer'
    })
    await expect(handler(event, context())).resolves.toBe('answer')
    expect(seen).toEqual(['raw', event, undefined])
    expect(seen[1]).toBe(event)
  })

  it('rejects with what the handler threw, synchronously or not', async () => {
    const thrown = new Error('no')
    await expect(lambda(raw()).handle(() => Promise.reject(thrown))({}, context())).rejects.toBe(thrown)
    const sync = lambda(raw()).handle(() => {
      throw thrown
    })
    await expect(sync({}, context())).rejects.toBe(thrown)
  })
})
