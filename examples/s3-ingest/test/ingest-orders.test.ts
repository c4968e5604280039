import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isWouldTriggerItselfError, WouldTriggerItselfError } from '../src/ingest-errors.js'
import { type IngestReport, ingestOrders, outputKeyFor } from '../src/ingest-orders.js'
import { memoryStorage } from './memory-storage.js'

const order = (orderId: string, qty = 2, unitPriceCents = 150) => ({
  orderId,
  sku: 'TEA-01',
  qty,
  unitPriceCents,
})
const jsonLines = (...lines: unknown[]) =>
  lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join('\n')

describe('ingestOrders', () => {
  it('writes the accepted orders, every rejected line with its reason, and the counts to the output bucket', async () => {
    const memory = memoryStorage()
    memory.put(
      'incoming-bucket',
      'incoming/2026/12/orders.jsonl',
      `${jsonLines(order('o-1'), 'not json', order('o-2', 0), '', order('o-3', 1, 999))}\n`,
    )

    const outcome = await ingestOrders(
      {
        source: { bucket: 'incoming-bucket', key: 'incoming/2026/12/orders.jsonl' },
        outputBucket: 'processed-bucket',
      },
      { storage: memory.storage },
    )

    expect(outcome.status).toBe('written')
    const written = JSON.parse(
      memory.text('processed-bucket', 'processed/2026/12/orders.json') ?? '{}',
    ) as IngestReport
    expect(written.counts).toEqual({ lines: 4, accepted: 2, rejected: 2, blank: 1 })
    expect(written.orders.map((o) => [o.orderId, o.totalCents])).toEqual([
      ['o-1', 300],
      ['o-3', 999],
    ])
    expect(written.totalCents).toBe(1299)
    expect(written.rejected).toEqual([
      { line: 2, reason: 'not valid JSON' },
      { line: 3, reason: expect.stringContaining('qty:') },
    ])
    // Nothing was written next to the input.
    expect(memory.keys()).toEqual([
      'incoming-bucket/incoming/2026/12/orders.jsonl',
      'processed-bucket/processed/2026/12/orders.json',
    ])
  })

  it('refuses an output in the bucket the input came from, before reading or writing anything', async () => {
    const memory = memoryStorage()
    memory.put('orders', 'incoming/a.jsonl', jsonLines(order('o-1')))

    const failure = await ingestOrders(
      { source: { bucket: 'orders', key: 'incoming/a.jsonl' }, outputBucket: 'orders' },
      { storage: memory.storage },
    ).catch((error: unknown) => error)

    expect(failure).toBeInstanceOf(WouldTriggerItselfError)
    expect(isWouldTriggerItselfError(failure)).toBe(true)
    expect(failure).toMatchObject({
      code: 'WOULD_TRIGGER_ITSELF',
      source: 'orders/incoming/a.jsonl',
      output: 'orders/processed/a.json',
    })
    expect(memory.calls).toEqual([])
  })

  it('skips an object outside incoming/*.jsonl without reading it', async () => {
    const memory = memoryStorage()
    for (const key of ['processed/a.json', 'incoming/a.csv', 'elsewhere/incoming/a.jsonl']) {
      const outcome = await ingestOrders(
        { source: { bucket: 'in', key }, outputBucket: 'out' },
        { storage: memory.storage },
      )
      expect(outcome).toEqual({ status: 'skipped', reason: expect.stringContaining('incoming/*.jsonl') })
    }
    expect(memory.calls).toEqual([])
  })

  it('rejects a line that is not UTF-8 and keeps the others', async () => {
    const memory = memoryStorage()
    const good = new TextEncoder().encode(`${JSON.stringify(order('o-1'))}\n`)
    const bad = Uint8Array.of(0x7b, 0xff, 0xfe, 0x7d, 0x0a) // "{\xff\xfe}\n"
    memory.put('in', 'incoming/a.jsonl', Uint8Array.from([...good, ...bad, ...good]))

    const outcome = await ingestOrders(
      { source: { bucket: 'in', key: 'incoming/a.jsonl' }, outputBucket: 'out' },
      { storage: memory.storage },
    )

    expect(outcome.status === 'written' && outcome.report.rejected).toEqual([
      { line: 2, reason: 'not UTF-8 text' },
    ])
    expect(outcome.status === 'written' && outcome.report.counts.accepted).toBe(2)
  })

  it('passes the signal to every storage call', async () => {
    const memory = memoryStorage()
    memory.put('in', 'incoming/a.jsonl', jsonLines(order('o-1')))
    const { signal } = new AbortController()

    await ingestOrders(
      { source: { bucket: 'in', key: 'incoming/a.jsonl' }, outputBucket: 'out' },
      { storage: memory.storage },
      { signal },
    )

    expect(memory.calls.map((call) => [call.operation, call.signal])).toEqual([
      ['read', signal],
      ['write', signal],
    ])
  })
})

describe('what holds for every input', () => {
  const validOrder = fc.record({
    orderId: fc.string({ minLength: 1, maxLength: 20 }),
    sku: fc.string({ minLength: 1, maxLength: 20 }),
    qty: fc.integer({ min: 1, max: 10_000 }),
    unitPriceCents: fc.integer({ min: 0, max: 1_000_000 }),
  })
  // Any line: a valid order, or text that may be anything (multi-byte characters included), never a newline.
  const line = fc.oneof(
    validOrder.map((value) => ({ text: JSON.stringify(value), valid: true })),
    fc
      .string({ unit: 'grapheme', maxLength: 30 })
      .filter((text) => !text.includes('\n') && !text.includes('\r'))
      .map((text) => ({ text, valid: undefined })),
  )

  it('accounts for every non-blank line once, as accepted or rejected, however the bytes are chunked', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(line, { maxLength: 30 }),
        fc.integer({ min: 1, max: 17 }),
        async (lines, chunkBytes) => {
          const memory = memoryStorage(chunkBytes)
          memory.put('in', 'incoming/x.jsonl', lines.map((l) => l.text).join('\n'))
          const outcome = await ingestOrders(
            { source: { bucket: 'in', key: 'incoming/x.jsonl' }, outputBucket: 'out' },
            { storage: memory.storage },
          )
          if (outcome.status !== 'written') throw new Error('not written')
          const { counts, orders, rejected } = outcome.report
          const nonBlank = lines.filter((l) => l.text.trim() !== '').length
          expect(counts.accepted + counts.rejected).toBe(nonBlank)
          expect(counts.lines).toBe(nonBlank)
          expect(orders.length).toBe(counts.accepted)
          expect(rejected.length).toBe(counts.rejected)
          // Every line meant as a valid order is accepted; no rejected line number is one of them.
          const validLineNumbers = lines.flatMap((l, index) => (l.valid ? [index + 1] : []))
          expect(counts.accepted).toBeGreaterThanOrEqual(validLineNumbers.length)
          for (const { line: number } of rejected) expect(validLineNumbers).not.toContain(number)
          // The result does not depend on how the bytes arrived.
          const whole = memoryStorage(1 << 20)
          whole.put('in', 'incoming/x.jsonl', lines.map((l) => l.text).join('\n'))
          expect(
            await ingestOrders(
              { source: { bucket: 'in', key: 'incoming/x.jsonl' }, outputBucket: 'out' },
              { storage: whole.storage },
            ),
          ).toEqual(outcome)
        },
      ),
    )
  })

  it('never writes into the source bucket, and never under incoming/', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ minLength: 1 }),
        fc.string(),
        fc.boolean(),
        async (bucket, rest, sameBucket) => {
          const key = `incoming/${rest}.jsonl`
          expect(outputKeyFor(key).startsWith('incoming/')).toBe(false)
          const memory = memoryStorage()
          memory.put(bucket, key, '')
          const outputBucket = sameBucket ? bucket : `${bucket}-out`
          const result = await ingestOrders(
            { source: { bucket, key }, outputBucket },
            { storage: memory.storage },
          ).catch((error: unknown) => error)
          expect(isWouldTriggerItselfError(result)).toBe(sameBucket)
          const writes = memory.calls.filter((call) => call.operation === 'write')
          for (const write of writes) expect(write.location.startsWith(`${bucket}/`)).toBe(false)
        },
      ),
    )
  })
})
