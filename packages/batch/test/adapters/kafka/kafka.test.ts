import { readFileSync } from 'node:fs'
import { SQSClient } from '@aws-sdk/client-sqs'
import { isInvalidEventError, isRecordsFailedError, lambda } from '@tsumiki/core'
import { logger } from '@tsumiki/logger'
import { type LocalAws, startLocalAws } from '@tsumiki/testing'
import type { MSKEvent, MSKRecord } from 'aws-lambda'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { itRunsEveryBlock } from '../../../../../test/support/markdown-blocks.js'
import { type DeadLetterRecord, kafka, permanent, sqsDeadLetter } from '../../../src/index.js'
import { captureStderr, createContext } from '../../support/fixtures.js'

/*
 * kafka() (MSK and self-managed Apache Kafka), the adapter docs/adding-an-adapter.md walks through block for block
 * (checked at the end): a table entry for runBatch(), with records grouped by topic-partition, order kept per
 * topic-partition, and a checkpoint per topic-partition named by `{ partition, offset }`.
 */

interface RecordInit {
  readonly topic?: string
  readonly partition: number
  readonly offset: number
  readonly value?: string
  readonly headers?: Record<string, string>
}

/** An MSK event: records grouped under `<topic>-<partition>`, in the order given, values base64 as Lambda sends. */
function mskEvent(records: readonly RecordInit[]): MSKEvent {
  const grouped: Record<string, MSKRecord[]> = {}
  for (const init of records) {
    const topic = init.topic ?? 'orders'
    const key = `${topic}-${init.partition}`
    grouped[key] ??= []
    grouped[key].push({
      topic,
      partition: init.partition,
      offset: init.offset,
      timestamp: 1_700_000_000_000,
      timestampType: 'CREATE_TIME',
      key: Buffer.from(`key-${init.offset}`).toString('base64'),
      value: Buffer.from(init.value ?? JSON.stringify({ offset: init.offset })).toString('base64'),
      headers: Object.entries(init.headers ?? {}).map(([name, text]) => ({ [name]: [...Buffer.from(text)] })),
    })
  }
  return {
    eventSource: 'aws:kafka',
    eventSourceArn: 'arn:aws:kafka:eu-west-1:123456789012:cluster/orders/abc',
    bootstrapServers: 'b-1.orders.kafka.eu-west-1.amazonaws.com:9092',
    records: grouped,
  }
}

let stderr: ReturnType<typeof captureStderr>
beforeEach(() => {
  stderr = captureStderr()
  return () => stderr.restore()
})

describe('kafka()', () => {
  it('gives the handler the decoded record', async () => {
    const seen: unknown[] = []
    const handler = lambda(kafka()).handle((request) => {
      seen.push([
        request.kind,
        request.recordId,
        request.key,
        request.body,
        request.headers,
        request.correlationId,
      ])
    })
    await handler(
      mskEvent([{ partition: 0, offset: 7, value: 'hello', headers: { correlation_id: 'c-1' } }]),
      createContext(),
    )
    expect(seen).toEqual([['kafka', 'orders-0:7', 'key-7', 'hello', { correlation_id: 'c-1' }, 'c-1']])
  })

  it('keeps order per topic-partition and reports the earliest failure of each, by partition and offset', async () => {
    const ran: string[] = []
    const handler = lambda(kafka({ concurrency: 2 })).handle(async ({ recordId, offset }) => {
      ran.push(recordId)
      await Promise.resolve()
      if (offset === 11 || offset === 21) throw new Error(`offset ${offset} failed`)
    })
    const response = await handler(
      mskEvent([
        { partition: 0, offset: 10 },
        { partition: 0, offset: 11 },
        { partition: 0, offset: 12 },
        { partition: 1, offset: 20 },
        { partition: 1, offset: 21 },
        { partition: 2, offset: 30 },
      ]),
      createContext(),
    )
    expect(response.batchItemFailures).toEqual([
      { itemIdentifier: { partition: 'orders-0', offset: 11 } },
      { itemIdentifier: { partition: 'orders-1', offset: 21 } },
    ])
    // Offset 12 waits behind 11; other topic-partitions are not held back by it.
    expect(ran).not.toContain('orders-0:12')
    expect(ran).toContain('orders-2:30')
    const lines = stderr.lines()
    expect(lines.filter((line) => line.message === 'Record failed').map((line) => line.record_id)).toEqual([
      'orders-0:11',
      'orders-1:21',
    ])
    expect(lines.find((line) => line.level === 'WARN')).toMatchObject({ records_not_run: 1 })
  })

  it('says why a record did not run in the words of its own table: its topic-partition, not a shard', async () => {
    const handler = lambda(kafka()).handle(({ offset }) => {
      if (offset === 11) throw new Error('offset 11 failed')
    })
    await handler(
      mskEvent([
        { partition: 0, offset: 10 },
        { partition: 0, offset: 11 },
        { partition: 0, offset: 12 },
      ]),
      createContext(),
    )
    const warning = stderr.lines().find((line) => line.level === 'WARN')
    expect(warning?.message).toBe(
      '1 kafka record(s) were not run because an earlier record of the same topic-partition failed; ' +
        'Lambda will deliver them again: orders-0:12',
    )
  })

  it('runs up to `concurrency` topic-partitions at once, each one record at a time', async () => {
    let inFlight = 0
    let maxInFlight = 0
    const busy = new Set<number>()
    const handler = lambda(kafka({ concurrency: 2 })).handle(async ({ partition }) => {
      expect(busy.has(partition)).toBe(false)
      busy.add(partition)
      maxInFlight = Math.max(maxInFlight, ++inFlight)
      await new Promise((resolve) => setImmediate(resolve))
      inFlight--
      busy.delete(partition)
    })
    const records = [0, 1, 2, 3].flatMap((partition) =>
      [0, 1, 2].map((offset) => ({ partition, offset: partition * 10 + offset })),
    )
    const response = await handler(mskEvent(records), createContext())
    expect(response.batchItemFailures).toEqual([])
    expect(maxInFlight).toBe(2)
  })

  it('logs each failure once through the logger middleware, under the record’s id', async () => {
    const handler = lambda(kafka())
      .use(logger({ service: 'orders' }))
      .handle(({ offset }) => {
        if (offset === 1) throw new Error('broken')
      })
    await handler(
      mskEvent([
        { partition: 0, offset: 0 },
        { partition: 0, offset: 1 },
      ]),
      createContext(),
    )
    const failures = stderr.lines().filter((line) => line.level === 'ERROR')
    expect(failures).toHaveLength(1)
    expect(failures[0]).toMatchObject({
      service: 'orders',
      record_id: 'orders-0:1',
      error: { message: 'broken' },
    })
  })

  it('throws RecordsFailedError when no record succeeded', async () => {
    const handler = lambda(kafka()).handle(() => {
      throw new Error('down')
    })
    const error = await handler(mskEvent([{ partition: 0, offset: 0 }]), createContext()).catch((e) => e)
    expect(isRecordsFailedError(error)).toBe(true)
  })

  it('refuses an event that is not Kafka’s before running any record', async () => {
    let ran = 0
    const handler = lambda(kafka()).handle(() => {
      ran++
    })
    const notKafka = { Records: [{ messageId: 'm1' }] } as never
    const missingOffset = {
      ...mskEvent([{ partition: 0, offset: 0 }]),
      records: { 'orders-0': [{ topic: 'orders', partition: 0 }] },
    } as never
    for (const event of [notKafka, missingOffset, null as never]) {
      const error = await handler(event, createContext()).catch((e: unknown) => e)
      expect(isInvalidEventError(error)).toBe(true)
    }
    expect(ran).toBe(0)
  })

  it('refuses a bad concurrency when it is made', () => {
    expect(() => kafka({ concurrency: 0 })).toThrow(/kafka\(\).*concurrency/)
  })
})

describe('the guide’s Kafka adapter with a dead-letter queue', () => {
  let aws: LocalAws
  let client: SQSClient
  beforeAll(async () => {
    aws = await startLocalAws({ queues: ['kafka-poison'] })
    client = new SQSClient({ endpoint: aws.endpoint, region: aws.region, credentials: aws.credentials })
  })
  afterAll(async () => {
    client.destroy()
    await aws.stop()
  })

  it('parks a poison record, moves its topic-partition past it, and logs it as parked', async () => {
    const ran: number[] = []
    const handler = lambda(
      kafka({ deadLetter: sqsDeadLetter({ queueUrl: aws.queue('kafka-poison').url, client }) }),
    ).handle(({ offset }) => {
      ran.push(offset)
      if (offset === 1) throw permanent(new Error('unknown product'))
    })
    const response = await handler(
      mskEvent([
        { partition: 0, offset: 0 },
        { partition: 0, offset: 1, value: 'poison' },
        { partition: 0, offset: 2 },
      ]),
      createContext(),
    )
    expect(response.batchItemFailures).toEqual([])
    expect(ran).toEqual([0, 1, 2])
    const [parked] = aws.queue('kafka-poison').bodies() as DeadLetterRecord[]
    expect(parked).toMatchObject({
      source: 'kafka',
      recordId: 'orders-0:1',
      sourceArn: 'arn:aws:kafka:eu-west-1:123456789012:cluster/orders/abc',
      record: { topic: 'orders', partition: 0, offset: 1, value: Buffer.from('poison').toString('base64') },
      error: { message: 'unknown product' },
    })
    expect(stderr.lines()).toEqual([
      expect.objectContaining({ level: 'WARN', message: 'Record parked on the dead-letter queue' }),
    ])
  })
})

describe('docs/adding-an-adapter.md', () => {
  // The guide walks through kafka()'s own source. A reader imports from '@tsumiki/batch' what the package's files
  // import from its own modules: each such name must be one the package exports.
  const files = ['kafka-request.ts', 'kafka-table.ts', 'kafka.ts'].map((name) =>
    readFileSync(new URL(`../../../src/adapters/kafka/${name}`, import.meta.url), 'utf8'),
  )
  const asAReaderImports = files
    .join('\n')
    .replace(/from '\.\.\/\.\.\/(?:run-batch|dead-letter|schedulers)\/[\w-]+\.js'/g, "from '@tsumiki/batch'")
  const index = readFileSync(new URL('../../../src/index.ts', import.meta.url), 'utf8')
  itRunsEveryBlock(
    readFileSync(new URL('../../../../../docs/adding-an-adapter.md', import.meta.url), 'utf8'),
    asAReaderImports,
    { blocks: 3 },
  )
  it('imports from @tsumiki/batch only names the package exports', () => {
    const imported = [...asAReaderImports.matchAll(/^import (?:type )?\{([^}]*)\} from '@tsumiki\/batch'/gm)]
      .flatMap((match) => (match[1] ?? '').split(','))
      .map((name) => name.trim().replace(/^type /, ''))
      .filter(Boolean)
    expect(imported.length).toBeGreaterThan(0)
    for (const name of imported) expect(index, name).toMatch(new RegExp(`\\b${name}\\b`))
  })
})
