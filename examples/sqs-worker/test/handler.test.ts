import { events, invoke } from '@tsumiki/testing'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { bookWithCarrier } from '../src/carrier.js'
import { handler } from '../src/handler.js'

// The real carrier stand-in, watched: which messages reached it, and how often.
vi.mock('../src/carrier.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../src/carrier.js')>()
  return { bookWithCarrier: vi.fn(original.bookWithCarrier) }
})

describe('the shipments worker', () => {
  let stderr: ReturnType<typeof vi.spyOn>
  beforeEach(() => {
    stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true)
    vi.mocked(bookWithCarrier).mockClear()
  })
  afterEach(() => stderr.mockRestore())

  it('reports exactly the invalid and the failing message, and books the rest once each', async () => {
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
    // The invalid message never reached the carrier; every valid one did, exactly once.
    const booked = vi.mocked(bookWithCarrier).mock.calls.map(([orderId]) => orderId)
    expect(booked.sort()).toEqual(['o-1', 'o-3', 'o-4'])
    // Both failures were logged by the logger middleware, so the adapter wrote nothing more to stderr.
    expect(stderr).not.toHaveBeenCalled()
  })

  it('throws when every message fails, so Lambda retries the batch and the DLQ applies', async () => {
    const event = events.sqs([{ body: 'not json' }, { body: JSON.stringify({ orderId: 'x' }) }])
    await expect(invoke(handler, event)).rejects.toMatchObject({
      name: 'RecordsFailedError',
      code: 'RECORDS_FAILED',
    })
    expect(bookWithCarrier).not.toHaveBeenCalled()
  })
})
