import { events, invoke } from '@tsumiki/testing'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { handler } from '../src/handler.js'

describe('the shipments worker', () => {
  let stdout: ReturnType<typeof vi.spyOn>
  let stderr: ReturnType<typeof vi.spyOn>
  beforeEach(() => {
    stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true)
    stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true)
  })
  afterEach(() => {
    stdout.mockRestore()
    stderr.mockRestore()
  })

  it('reports exactly the invalid and the failing message, and books the rest', async () => {
    const good = { orderId: 'o-1', address: { country: 'JP', postcode: '100-0001' } }
    const event = events.sqs([
      { body: JSON.stringify(good) },
      { body: JSON.stringify({ orderId: 'o-2' }) },
      { body: JSON.stringify({ orderId: 'o-3', address: { country: 'AQ', postcode: '1' } }) },
      { body: JSON.stringify({ ...good, orderId: 'o-4' }) },
    ])
    const [, invalid, undeliverable] = event.Records
    const response = await invoke(handler, event)
    expect(response.batchItemFailures.map((failure) => failure.itemIdentifier).sort()).toEqual(
      [invalid?.messageId, undeliverable?.messageId].sort(),
    )
  })
})
