import { SQSClient } from '@aws-sdk/client-sqs'
import { lambda, TsumikiError } from '@tsumiki/core'
import { logger } from '@tsumiki/logger'
import { type LocalAws, startLocalAws } from '@tsumiki/testing'
import { validate } from '@tsumiki/validation'
import fc from 'fast-check'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import * as z from 'zod'
import {
  type DeadLetterRecord,
  deadLetterRecordIdAttribute,
  dynamodbStreams,
  isPermanentFailure,
  kinesis,
  permanent,
  sqs,
  sqsDeadLetter,
} from '../../src/index.js'
import {
  captureStderr,
  createContext,
  dynamodbEvent,
  failedIds,
  kinesisEvent,
  sqsEvent,
} from '../support/fixtures.js'

let aws: LocalAws
let client: SQSClient
let stderr: ReturnType<typeof captureStderr>

beforeAll(async () => {
  aws = await startLocalAws({ queues: ['poison', 'poison.fifo'] })
  client = new SQSClient({
    endpoint: aws.endpoint,
    region: aws.region,
    credentials: aws.credentials,
    maxAttempts: 1,
  })
})
afterAll(async () => {
  client.destroy()
  await aws.stop()
})
beforeEach(() => {
  stderr = captureStderr()
  aws.queue('poison').clear()
  aws.queue('poison.fifo').clear()
  aws.clearFaults()
  aws.resetCalls()
})
afterEach(() => stderr.restore())

const parked = (name = 'poison') => aws.queue(name).bodies() as DeadLetterRecord[]

const Order = z.object({ orderId: z.string() })
const order = (sequenceNumber: string) => ({
  sequenceNumber,
  data: JSON.stringify({ orderId: `o-${sequenceNumber}` }),
})

describe('failure classification', () => {
  it('counts validation, malformed input, invalid events and permanent() as permanent, the rest transient', () => {
    expect(isPermanentFailure(new TsumikiError('VALIDATION_FAILED', 'no'))).toBe(true)
    expect(isPermanentFailure(new TsumikiError('MALFORMED_INPUT', 'no'))).toBe(true)
    expect(isPermanentFailure(new TsumikiError('INVALID_EVENT', 'no'))).toBe(true)
    expect(isPermanentFailure(permanent(new Error('unknown product')))).toBe(true)
    expect(isPermanentFailure(permanent('a string'))).toBe(true)
    expect(isPermanentFailure(new TsumikiError('THROTTLED', 'later'))).toBe(false)
    expect(isPermanentFailure(new Error('timeout'))).toBe(false)
    expect(isPermanentFailure('text')).toBe(false)
  })

  it('permanent() returns the same error', () => {
    const error = new RangeError('bad')
    expect(permanent(error)).toBe(error)
  })

  it('puts the classification on the failed record log line', async () => {
    const handler = lambda(sqs({ throwWhenEveryRecordFails: false })).handle(({ messageId }) => {
      if (messageId === 'm1') throw permanent(new Error('bad record'))
      throw new Error('database down')
    })
    await handler(sqsEvent(['m1', 'm2']), createContext())
    const failures = stderr.lines().filter((line) => line.message === 'Record failed')
    expect(failures.map((line) => [line.record_id, line.failure])).toEqual([
      ['m1', 'permanent'],
      ['m2', 'transient'],
    ])
  })

  it('takes an isPermanent option', async () => {
    const handler = lambda(
      kinesis({
        isPermanent: (error) => error instanceof RangeError,
        deadLetter: sqsDeadLetter({ queueUrl: aws.queue('poison').url, client }),
      }),
    ).handle(({ sequenceNumber }) => {
      if (sequenceNumber === '1') throw new RangeError('out of range')
    })
    const response = await handler(kinesisEvent([order('1'), order('2')]), createContext())
    expect(failedIds(response)).toEqual([])
    expect(parked().map((record) => record.sequenceNumber)).toEqual(['1'])
  })
})

describe('kinesis({ deadLetter })', () => {
  it('parks a malformed record with its metadata, reports nothing, and runs the rest', async () => {
    const ran: string[] = []
    const handler = lambda(
      kinesis({ deadLetter: sqsDeadLetter({ queueUrl: aws.queue('poison').url, client }) }),
    )
      .use(validate({ body: Order }))
      .handle(({ sequenceNumber }) => {
        ran.push(sequenceNumber)
      })
    const event = kinesisEvent([
      order('1'),
      order('2'),
      { sequenceNumber: '3', data: '{not json' },
      order('4'),
    ])
    const before = Date.now()
    const response = await handler(event, createContext())

    expect(failedIds(response)).toEqual([])
    expect(ran).toEqual(['1', '2', '4'])
    const [record, ...others] = parked()
    expect(others).toEqual([])
    expect(record).toMatchObject({
      source: 'kinesis',
      recordId: '3',
      sourceArn: 'arn:aws:kinesis:eu-west-1:123456789012:stream/orders',
      sequenceNumber: '3',
      partitionKey: 'pk',
      data: Buffer.from('{not json').toString('base64'),
      error: { code: 'MALFORMED_INPUT' },
    })
    expect(record?.failedAtMs).toBeGreaterThanOrEqual(before)
    const message = aws.queue('poison').messages()[0]
    expect(message?.messageAttributes[deadLetterRecordIdAttribute]?.StringValue).toBe('3')
    const line = stderr.lines().find((entry) => entry.record_id === '3')
    expect(line).toMatchObject({ failure: 'permanent', dead_letter: 'parked' })
  })

  it('reports the record as failed when the dead-letter queue fails', async () => {
    aws.inject({ operation: 'SendMessageBatch', fault: 'server-error' })
    const ran: string[] = []
    const handler = lambda(
      kinesis({ deadLetter: sqsDeadLetter({ queueUrl: aws.queue('poison').url, client }) }),
    )
      .use(validate({ body: Order }))
      .handle(({ sequenceNumber }) => {
        ran.push(sequenceNumber)
      })
    const event = kinesisEvent([order('1'), { sequenceNumber: '2', data: '{"orderId":7}' }, order('3')])
    const response = await handler(event, createContext())

    expect(failedIds(response)).toEqual(['2'])
    expect(parked()).toEqual([])
    const line = stderr.lines().find((entry) => entry.record_id === '2')
    expect(line).toMatchObject({ failure: 'permanent', dead_letter: 'failed' })
  })

  it('reports a record the queue refuses (per-entry Failed) as failed, and parks the others', async () => {
    const handler = lambda(
      kinesis({ deadLetter: sqsDeadLetter({ queueUrl: aws.queue('poison').url, client }) }),
    ).handle(({ sequenceNumber }) => {
      // U+FFFF survives JSON.stringify and is a character SQS refuses: only that entry fails.
      if (sequenceNumber === '1') throw permanent(new Error('bad \uFFFF record'))
      if (sequenceNumber === '2') throw permanent(new Error('bad record'))
    })
    const response = await handler(kinesisEvent([order('1'), order('2'), order('3')]), createContext())
    expect(failedIds(response)).toEqual(['1'])
    expect(parked().map((record) => record.sequenceNumber)).toEqual(['2'])
    const line = stderr.lines().find((entry) => entry.record_id === '1')
    expect(line).toMatchObject({ failure: 'permanent', dead_letter: 'failed' })
  })

  it('keeps today’s behaviour for a transient failure: reported, nothing parked', async () => {
    const ran: string[] = []
    const handler = lambda(
      kinesis({ deadLetter: sqsDeadLetter({ queueUrl: aws.queue('poison').url, client }) }),
    ).handle(({ sequenceNumber }) => {
      ran.push(sequenceNumber)
      if (sequenceNumber === '2') throw new Error('throttled')
    })
    const response = await handler(kinesisEvent([order('1'), order('2'), order('3')]), createContext())
    expect(failedIds(response)).toEqual(['2'])
    expect(ran).toEqual(['1', '2'])
    expect(parked()).toEqual([])
    expect(aws.calls('SendMessageBatch')).toBe(0)
  })

  it('checkpoints at the earliest record neither succeeded nor parked', async () => {
    const handler = lambda(
      kinesis({ deadLetter: sqsDeadLetter({ queueUrl: aws.queue('poison').url, client }) }),
    ).handle(({ sequenceNumber }) => {
      if (sequenceNumber === '1') throw permanent(new Error('bad'))
      if (sequenceNumber === '3') throw new Error('throttled')
    })
    const response = await handler(kinesisEvent(['1', '2', '3', '4'].map(order)), createContext())
    expect(failedIds(response)).toEqual(['3'])
    expect(parked().map((record) => record.sequenceNumber)).toEqual(['1'])
  })

  it('sends more than 10 parked records in chunks of 10', async () => {
    const handler = lambda(
      kinesis({ deadLetter: sqsDeadLetter({ queueUrl: aws.queue('poison').url, client }) }),
    ).handle(() => {
      throw permanent(new Error('bad'))
    })
    const sequenceNumbers = Array.from({ length: 23 }, (_, index) => String(index + 1))
    aws.resetCalls()
    const response = await handler(kinesisEvent(sequenceNumbers.map(order)), createContext())
    expect(failedIds(response)).toEqual([])
    expect(aws.calls('SendMessageBatch')).toBe(3)
    expect(parked().map((record) => record.sequenceNumber)).toEqual(sequenceNumbers)
  })

  it('parks once on a FIFO queue when the same batch is delivered again', async () => {
    const handler = lambda(
      kinesis({ deadLetter: sqsDeadLetter({ queueUrl: aws.queue('poison.fifo').url, client }) }),
    ).handle(({ sequenceNumber }) => {
      if (sequenceNumber === '2') throw permanent(new Error('bad'))
    })
    const event = kinesisEvent(['1', '2'].map(order))
    await handler(event, createContext())
    await handler(event, createContext())
    expect(parked('poison.fifo').map((record) => record.sequenceNumber)).toEqual(['2'])
  })
})

describe('sqs() and dynamodbStreams() with deadLetter', () => {
  it('sqs(): parks a permanent failure with its body and message id and reports it processed', async () => {
    const handler = lambda(
      sqs({ deadLetter: sqsDeadLetter({ queueUrl: aws.queue('poison').url, client }) }),
    ).handle(({ messageId }) => {
      if (messageId === 'm2') throw permanent(new Error('unknown product'))
      if (messageId === 'm3') throw new Error('throttled')
    })
    const response = await handler(
      sqsEvent([{ id: 'm1' }, { id: 'm2', body: 'poison' }, { id: 'm3' }]),
      createContext(),
    )
    expect(failedIds(response)).toEqual(['m3'])
    expect(parked()).toEqual([
      expect.objectContaining({
        source: 'sqs',
        recordId: 'm2',
        messageId: 'm2',
        body: 'poison',
        sourceArn: 'arn:aws:sqs:eu-west-1:123456789012:orders',
        error: { code: undefined, name: 'Error', message: 'unknown product' },
      }),
    ])
  })

  it('dynamodbStreams(): parks an INVALID_EVENT record with its stream record', async () => {
    const handler = lambda(
      dynamodbStreams({
        unmarshall: () => ({}),
        deadLetter: sqsDeadLetter({ queueUrl: aws.queue('poison').url, client }),
      }),
    ).handle(() => {})
    const event = dynamodbEvent([{ sequenceNumber: '1' }, { sequenceNumber: '2' }, { sequenceNumber: '3' }])
    ;(event.Records[1] as { eventName?: string }).eventName = 'UPSERT'
    const response = await handler(event, createContext())
    expect(failedIds(response)).toEqual([])
    expect(parked()).toEqual([
      expect.objectContaining({
        source: 'dynamodb',
        recordId: '2',
        sequenceNumber: '2',
        dynamodb: expect.objectContaining({ SequenceNumber: '2' }),
        error: expect.objectContaining({ code: 'INVALID_EVENT' }),
      }),
    ])
  })
})

describe('a parked record is logged once, at WARN, as parked, with or without logger()', () => {
  const queueUrl = () => aws.queue('poison').url
  const deadLetter = () => sqsDeadLetter({ queueUrl: queueUrl(), client })
  /** The handler of every source: record `id` is poison, the others succeed. */
  const poisonous =
    (id: string) =>
    ({ recordId }: { recordId: string }) => {
      if (recordId === id) throw permanent(new TsumikiError('UNKNOWN_PRODUCT', 'no product p-9'))
    }
  type BatchHandler = (
    event: never,
    context: ReturnType<typeof createContext>,
  ) => Promise<{ batchItemFailures: { itemIdentifier: string }[] }>
  // Each source with one poison record among good ones: the handler with and without the logger, and its event.
  const sources: readonly {
    name: string
    poison: string
    build: (withLogger: boolean) => BatchHandler
    event: () => unknown
  }[] = [
    {
      name: 'sqs',
      poison: 'm2',
      build: (withLogger) =>
        withLogger
          ? lambda(sqs({ deadLetter: deadLetter() }))
              .use(logger({ service: 'orders' }))
              .handle(poisonous('m2'))
          : lambda(sqs({ deadLetter: deadLetter() })).handle(poisonous('m2')),
      event: () => sqsEvent(['m1', 'm2', 'm3']),
    },
    {
      name: 'kinesis',
      poison: '2',
      build: (withLogger) =>
        withLogger
          ? lambda(kinesis({ deadLetter: deadLetter() }))
              .use(logger({ service: 'orders' }))
              .handle(poisonous('2'))
          : lambda(kinesis({ deadLetter: deadLetter() })).handle(poisonous('2')),
      event: () => kinesisEvent(['1', '2', '3'].map(order)),
    },
    {
      name: 'dynamodbStreams',
      poison: '2',
      build: (withLogger) =>
        withLogger
          ? lambda(dynamodbStreams({ unmarshall: () => ({}), deadLetter: deadLetter() }))
              .use(logger({ service: 'orders' }))
              .handle(poisonous('2'))
          : lambda(dynamodbStreams({ unmarshall: () => ({}), deadLetter: deadLetter() })).handle(
              poisonous('2'),
            ),
      event: () => dynamodbEvent([{ sequenceNumber: '1' }, { sequenceNumber: '2' }, { sequenceNumber: '3' }]),
    },
  ]
  const chains = [
    ['without logger()', false],
    ['with logger()', true],
  ] as const

  describe.each(sources)('$name', (source) => {
    it.each(chains)('%s', async (_chain, withLogger) => {
      const response = await source.build(withLogger)(source.event() as never, createContext())

      expect(response.batchItemFailures).toEqual([])
      expect(parked().map((record) => record.recordId)).toEqual([source.poison])
      const lines = stderr.lines().filter((line) => line.record_id === source.poison)
      expect(lines).toEqual([
        expect.objectContaining({
          level: 'WARN',
          message: 'Record parked on the dead-letter queue',
          record_id: source.poison,
          failure: 'permanent',
          dead_letter: 'parked',
          dead_letter_queue: queueUrl(),
          reason: { code: 'UNKNOWN_PRODUCT', name: 'TsumikiError', message: 'no product p-9' },
        }),
      ])
      if (withLogger) expect(lines[0]).toMatchObject({ service: 'orders' })
      expect(stderr.lines().filter((line) => line.level === 'ERROR')).toEqual([])
    })

    it.each(chains)(
      '%s: a record the queue did not take is one ERROR, permanent, with why',
      async (_chain, withLogger) => {
        aws.inject({ operation: 'SendMessageBatch', fault: 'server-error' })
        const response = await source.build(withLogger)(source.event() as never, createContext())

        expect(response.batchItemFailures).toEqual([{ itemIdentifier: source.poison }])
        const lines = stderr.lines().filter((line) => line.record_id === source.poison)
        expect(lines).toEqual([
          expect.objectContaining({
            level: 'ERROR',
            message: 'Record failed',
            failure: 'permanent',
            dead_letter: 'failed',
            dead_letter_queue: queueUrl(),
            dead_letter_error: expect.stringContaining('SendMessageBatch'),
            error: expect.objectContaining({ code: 'UNKNOWN_PRODUCT', message: 'no product p-9' }),
          }),
        ])
        if (withLogger) expect(lines[0]).toMatchObject({ service: 'orders' })
      },
    )
  })
})

describe('sqsDeadLetter() options', () => {
  it('refuses a queue URL that is not one, and unknown keys', () => {
    expect(() => sqsDeadLetter({ queueUrl: 'poison' })).toThrow(/queueUrl/)
    expect(() => sqsDeadLetter({ queueUrl: 'https://q', queue: 1 } as never)).toThrow(/queue/)
    expect(() => kinesis({ deadLetter: {} as never })).toThrow(/deadLetter/)
    expect(() => kinesis({ isPermanent: true as never })).toThrow(/isPermanent/)
  })
})

describe('property: nothing lost, nothing counted twice', () => {
  type Fate = 'ok' | 'permanent' | 'transient'
  it('every record is exactly one of succeeded, parked or reported (at or after the checkpoint)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom<Fate>('ok', 'permanent', 'transient'), { minLength: 1, maxLength: 25 }),
        fc.integer({ min: 1, max: 3 }),
        fc.constantFrom<'none' | 'first-call' | 'all'>('none', 'first-call', 'all'),
        async (fates, concurrency, fault) => {
          aws.queue('poison').clear()
          aws.clearFaults()
          if (fault === 'first-call')
            aws.inject({ operation: 'SendMessageBatch', fault: 'server-error', times: 1 })
          if (fault === 'all') aws.inject({ operation: 'SendMessageBatch', fault: 'server-error' })
          const succeeded = new Set<string>()
          const handler = lambda(
            kinesis({
              concurrency,
              throwWhenEveryRecordFails: false,
              deadLetter: sqsDeadLetter({ queueUrl: aws.queue('poison').url, client }),
            }),
          ).handle(({ sequenceNumber }) => {
            const fate = fates[Number(sequenceNumber)]
            if (fate === 'permanent') throw permanent(new Error('bad'))
            if (fate === 'transient') throw new Error('throttled')
            succeeded.add(sequenceNumber)
          })
          const event = kinesisEvent(
            fates.map((_, index) => ({ sequenceNumber: String(index), partitionKey: `k${index % 3}` })),
          )
          const response = await handler(event, createContext())
          const parkedSequences = parked().map((record) => record.sequenceNumber as string)
          const reported = failedIds(response)
          expect(reported.length).toBeLessThanOrEqual(1)
          const checkpoint = reported[0] === undefined ? fates.length : Number(reported[0])
          // Parked at most once, and only permanent failures.
          expect(new Set(parkedSequences).size).toBe(parkedSequences.length)
          for (const sequence of parkedSequences) expect(fates[Number(sequence)]).toBe('permanent')
          fates.forEach((fate, index) => {
            const sequence = String(index)
            const isParked = parkedSequences.includes(sequence)
            const isRedelivered = index >= checkpoint
            if (index < checkpoint) {
              // Before the checkpoint Lambda forgets the record: it must have succeeded or be parked, not both.
              expect(succeeded.has(sequence) !== isParked).toBe(true)
            }
            if (index === checkpoint) expect(isParked || succeeded.has(sequence)).toBe(false)
            if (fate === 'transient') expect(isRedelivered).toBe(true)
            if (fault === 'all' && fate === 'permanent') expect(isRedelivered).toBe(true)
            if (fault === 'none' && fate === 'permanent' && !isRedelivered) expect(isParked).toBe(true)
          })
        },
      ),
      { numRuns: 60 },
    )
  })

  it('sqs(): every message is exactly one of succeeded, parked or reported', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom<Fate>('ok', 'permanent', 'transient'), { minLength: 1, maxLength: 25 }),
        fc.boolean(),
        async (fates, dlqFails) => {
          aws.queue('poison').clear()
          aws.clearFaults()
          if (dlqFails) aws.inject({ operation: 'SendMessageBatch', fault: 'server-error', times: 1 })
          const succeeded = new Set<string>()
          const handler = lambda(
            sqs({
              throwWhenEveryRecordFails: false,
              deadLetter: sqsDeadLetter({ queueUrl: aws.queue('poison').url, client }),
            }),
          ).handle(({ messageId }) => {
            const fate = fates[Number(messageId)]
            if (fate === 'permanent') throw permanent(new Error('bad'))
            if (fate === 'transient') throw new Error('throttled')
            succeeded.add(messageId)
          })
          const response = await handler(sqsEvent(fates.map((_, index) => String(index))), createContext())
          const parkedIds = new Set(parked().map((record) => record.recordId))
          const reported = new Set(failedIds(response))
          fates.forEach((_, index) => {
            const id = String(index)
            const states = [succeeded.has(id), parkedIds.has(id), reported.has(id)].filter(Boolean)
            expect(states).toHaveLength(1)
          })
        },
      ),
      { numRuns: 60 },
    )
  })
})
