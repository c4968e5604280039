import { captureLogs, events, invoke, type LogCapture } from '@tsumiki/testing'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { prepareLocalEnvironment } from '../local/local-environment.js'
import { type LocalS3, startLocalS3 } from '../local/local-s3.js'
import type { IngestReport } from '../src/ingest-orders.js'

// The real handler module with the real S3 client, pointed at a local S3 through AWS_ENDPOINT_URL_S3.
let s3: LocalS3
let env: Record<string, string>
let logs: LogCapture

beforeAll(async () => {
  s3 = await startLocalS3()
})
afterAll(() => s3.stop())

beforeEach(async () => {
  env = await prepareLocalEnvironment({ s3 })
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value)
  vi.resetModules()
  logs = captureLogs()
})
afterEach(() => {
  logs.stop()
  vi.unstubAllEnvs()
})

const loadHandler = async () => (await import('../src/handler.js')).handler
const created = (bucket: string, key: string) =>
  events.s3([{ s3: { bucket: { name: bucket }, object: { key } } }])
const line = (orderId: string, qty: number) =>
  JSON.stringify({ orderId, sku: 'TEA-01', qty, unitPriceCents: 250 })

describe('the orders ingest function', () => {
  it('reads the file through S3, writes the report to OUTPUT_BUCKET, and reports the bad rows', async () => {
    const incoming = env.INCOMING_BUCKET ?? ''
    const output = env.OUTPUT_BUCKET ?? ''
    s3.putObject(
      incoming,
      'incoming/2026-12-01 shop.jsonl',
      [line('o-1', 2), '{"orderId":"o-2"}', line('o-3', 1)].join('\n'),
    )
    const handler = await loadHandler()

    await invoke(handler, created(incoming, 'incoming/2026-12-01 shop.jsonl')) // the key arrives encoded: 2026-12-01+shop

    const report = JSON.parse(
      s3.getObject(output, 'processed/2026-12-01 shop.json')?.body.toString() ?? '{}',
    ) as IngestReport
    expect(report.counts).toEqual({ lines: 3, accepted: 2, rejected: 1, blank: 0 })
    expect(report.rejected).toEqual([{ line: 2, reason: expect.stringContaining('sku') }])
    expect(report.totalCents).toBe(750)
    expect(s3.getObject(output, 'processed/2026-12-01 shop.json')?.contentType).toBe('application/json')
    expect(s3.keys(incoming)).toEqual(['incoming/2026-12-01 shop.jsonl']) // nothing written where the trigger watches
    const messages = logs.lines.map((entry) => [entry.level, entry.message])
    expect(messages).toEqual([
      ['INFO', 'orders ingested'],
      ['WARN', 'orders file has rejected lines'],
    ])
    expect(logs.lines[1]).toMatchObject({
      rejected: 1,
      first: [{ line: 2 }],
      record_id: `${incoming}/incoming/2026-12-01 shop.jsonl`,
    })
  })

  it('refuses an event from the output bucket (a notification put there by mistake): nothing read, nothing written', async () => {
    const output = env.OUTPUT_BUCKET ?? ''
    s3.putObject(output, 'incoming/loop.jsonl', line('o-1', 1))
    const before = s3.requests.length
    const handler = await loadHandler()

    const failure = await invoke(handler, created(output, 'incoming/loop.jsonl')).catch(
      (error: unknown) => error,
    )

    expect(failure).toMatchObject({ name: 'WouldTriggerItselfError', code: 'WOULD_TRIGGER_ITSELF' })
    expect(s3.requests.slice(before)).toEqual([])
    expect(s3.keys(output)).toEqual(['incoming/loop.jsonl'])
    // Logged once, at error level, with the typed error's code and what to fix.
    const errors = logs.lines.filter((entry) => entry.level === 'ERROR')
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatchObject({
      message: 'refused: the output would trigger this function',
      error: {
        code: 'WOULD_TRIGGER_ITSELF',
        message: expect.stringContaining('Set OUTPUT_BUCKET to another bucket'),
      },
    })
  })

  it('will not start when OUTPUT_BUCKET is the incoming bucket', async () => {
    vi.stubEnv('OUTPUT_BUCKET', env.INCOMING_BUCKET ?? '')
    await expect(loadHandler()).rejects.toThrow('the function would trigger itself')
  })

  it('fails the invocation when the object is gone, so Lambda retries it and then parks it', async () => {
    const handler = await loadHandler()
    await expect(
      invoke(handler, created(env.INCOMING_BUCKET ?? '', 'incoming/missing.jsonl')),
    ).rejects.toMatchObject({
      name: 'NoSuchKey',
    })
    expect(s3.keys(env.OUTPUT_BUCKET ?? '')).toEqual([])
  })

  it('logs and skips an object the notification filter should not have sent', async () => {
    const handler = await loadHandler()
    await invoke(handler, created(env.INCOMING_BUCKET ?? '', 'incoming/readme.txt'))
    expect(logs.lines).toMatchObject([
      { level: 'WARN', message: 'object skipped', key: 'incoming/readme.txt' },
    ])
    expect(s3.keys(env.OUTPUT_BUCKET ?? '')).toEqual([])
  })

  it('will not start without OUTPUT_BUCKET, and says so', async () => {
    vi.stubEnv('OUTPUT_BUCKET', '')
    await expect(loadHandler()).rejects.toThrow('Missing environment variable: OUTPUT_BUCKET')
  })
})
