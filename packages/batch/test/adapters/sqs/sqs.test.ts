import {
  InvalidEventError,
  InvalidOptionError,
  lambda,
  markErrorReported,
  middleware,
  RecordsFailedError,
} from '@tsumiki/core'
import { describe, expect, it } from 'vitest'
import { RecordsNotRunError, type SQSRecord, type SqsRequest, sqs } from '../../../src/index.js'
import { captureStderrPerTest, createContext, failedIds, sleep, sqsEvent } from '../../support/fixtures.js'

const stderr = captureStderrPerTest()

describe('sqs() request', () => {
  it('gives the handler one request per message with its body, attributes and ids', async () => {
    const seen: SqsRequest[] = []
    const handler = lambda(sqs()).handle((request) => {
      seen.push(request)
    })
    const event = sqsEvent([
      {
        id: 'm1',
        body: '{"n":1}',
        attributes: { tenant: 'acme', correlation_id: 'corr-1' },
        receiveCount: 3,
      },
      { id: 'm2', body: 'plain text' },
    ])
    await handler(event, createContext())
    const [first, second] = seen as [SqsRequest, SqsRequest]
    expect(first).toMatchObject({
      kind: 'sqs',
      recordId: 'm1',
      messageId: 'm1',
      body: '{"n":1}',
      attributes: { tenant: 'acme', correlation_id: 'corr-1' },
      messageGroupId: undefined,
      receiveCount: 3,
      correlationId: 'corr-1',
    })
    expect(first.record).toBe(event.Records[0])
    expect(first.event).toBe(event)
    expect(first.context.awsRequestId).toBe('request-1')
    expect(second.correlationId).toBe('m2')
  })

  it('keeps message attributes named like Object.prototype members (SQS allows `__proto__`)', async () => {
    const seen: SqsRequest[] = []
    const handler = lambda(sqs()).handle((request) => {
      seen.push(request)
    })
    const event = sqsEvent(['m1'])
    // JSON.parse makes `__proto__` an own key, as the runtime's parse of the real event does.
    ;(event.Records[0] as SQSRecord).messageAttributes = JSON.parse(
      '{"__proto__":{"stringValue":"p","dataType":"String"},"constructor":{"stringValue":"c","dataType":"String"},' +
        '"toString":{"stringValue":"t","dataType":"String"}}',
    )
    await handler(event, createContext())
    const received = seen[0]?.attributes ?? {}
    expect(Object.getPrototypeOf(received)).toBe(Object.prototype)
    expect(Object.keys(received).sort()).toEqual(['__proto__', 'constructor', 'toString'])
    expect(Object.getOwnPropertyDescriptor(received, '__proto__')?.value).toBe('p')
    expect(received.constructor).toBe('c')
    expect(seen[0]?.correlationId).toBe('m1')
  })

  it('carries the message group of a FIFO message', async () => {
    const groups: (string | undefined)[] = []
    const handler = lambda(sqs()).handle(({ messageGroupId }) => {
      groups.push(messageGroupId)
    })
    await handler(sqsEvent([{ id: 'm1', groupId: 'g1' }], { fifo: true }), createContext())
    expect(groups).toEqual(['g1'])
  })
})

describe('sqs() standard queue', () => {
  it('reports exactly the messages whose handler threw or rejected', async () => {
    const handler = lambda(sqs()).handle(async ({ messageId }) => {
      if (messageId === 'm2') throw new Error('poison')
      if (messageId === 'm4') return Promise.reject(new Error('downstream 503'))
    })
    const response = await handler(sqsEvent(['m1', 'm2', 'm3', 'm4', 'm5']), createContext())
    expect(failedIds(response)).toEqual(['m2', 'm4'])
  })

  it('answers an empty list when every message succeeds, and for an empty batch', async () => {
    const handler = lambda(sqs()).handle(() => {})
    expect(await handler(sqsEvent(['m1']), createContext())).toEqual({ batchItemFailures: [] })
    expect(await handler({ Records: [] }, createContext())).toEqual({ batchItemFailures: [] })
  })

  it('runs the middlewares once per message, so one message failing in a middleware fails alone', async () => {
    let calls = 0
    const rejectTenant = middleware<SqsRequest>({
      name: 'rejectTenant',
      handle: (request, next) => {
        calls++
        if (request.attributes.tenant === 'blocked') throw new Error('blocked tenant')
        return next()
      },
    })
    const handler = lambda(sqs())
      .use(rejectTenant)
      .handle(() => {})
    const response = await handler(
      sqsEvent([{ id: 'm1' }, { id: 'm2', attributes: { tenant: 'blocked' } }, { id: 'm3' }]),
      createContext(),
    )
    expect(calls).toBe(3)
    expect(failedIds(response)).toEqual(['m2'])
  })

  it('runs at most 10 messages at once by default', async () => {
    let inFlight = 0
    let maxInFlight = 0
    const handler = lambda(sqs()).handle(async () => {
      maxInFlight = Math.max(maxInFlight, ++inFlight)
      await sleep(2)
      inFlight--
    })
    await handler(sqsEvent(Array.from({ length: 35 }, (_, i) => `m${i}`)), createContext())
    expect(maxInFlight).toBe(10)
  })

  it('runs up to `concurrency` messages at once', async () => {
    let inFlight = 0
    let maxInFlight = 0
    const handler = lambda(sqs({ concurrency: 3 })).handle(async () => {
      maxInFlight = Math.max(maxInFlight, ++inFlight)
      await sleep(1)
      inFlight--
    })
    await handler(sqsEvent(Array.from({ length: 12 }, (_, i) => `m${i}`)), createContext())
    expect(maxInFlight).toBe(3)
  })

  it('names a message delivered twice in one batch once', async () => {
    const handler = lambda(sqs()).handle(({ body }) => {
      if (body === 'bad') throw new Error('bad')
    })
    const response = await handler(
      sqsEvent([
        { id: 'dup', body: 'bad' },
        { id: 'dup', body: 'bad' },
        { id: 'ok', body: 'good' },
      ]),
      createContext(),
    )
    expect(failedIds(response)).toEqual(['dup'])
  })

  it('throws RecordsFailedError listing every message when none succeeds', async () => {
    const handler = lambda(sqs()).handle(({ messageId }) => {
      throw new Error(`failed ${messageId}`)
    })
    const failure = await handler(sqsEvent(['m1', 'm2']), createContext()).catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(RecordsFailedError)
    const error = failure as RecordsFailedError
    expect(error.code).toBe('RECORDS_FAILED')
    expect(error.failures.map((f) => f.recordId)).toEqual(['m1', 'm2'])
    expect(error.failures[0]?.error).toMatchObject({ message: 'failed m1' })
    expect(error.message).toContain('All 2 sqs records')
  })

  it('reports every message instead when throwWhenEveryRecordFails is false', async () => {
    const handler = lambda(sqs({ throwWhenEveryRecordFails: false })).handle(() => {
      throw new Error('down')
    })
    expect(failedIds(await handler(sqsEvent(['m1', 'm2']), createContext()))).toEqual(['m1', 'm2'])
  })

  it('logs each failure once, naming the message, and not again when a logger already did', async () => {
    const handler = lambda(sqs()).handle(({ messageId }) => {
      const error = new Error(`failed ${messageId}`)
      if (messageId === 'logged') markErrorReported(error)
      throw error
    })
    await handler(sqsEvent(['ok-not', 'logged', 'm3']), createContext()).catch(() => {})
    const lines = stderr.lines()
    expect(lines.map((line) => [line.message, line.record_id])).toEqual([
      ['Record failed', 'ok-not'],
      ['Record failed', 'm3'],
    ])
    expect(lines[0]).toMatchObject({
      level: 'ERROR',
      function_request_id: 'request-1',
      error: { message: 'failed ok-not' },
    })
  })
})

describe('sqs() FIFO queue', () => {
  const fifoBatch = () =>
    sqsEvent(
      [
        { id: 'a1', groupId: 'a' },
        { id: 'b1', groupId: 'b' },
        { id: 'a2', groupId: 'a' },
        { id: 'b2', groupId: 'b' },
        { id: 'a3', groupId: 'a' },
      ],
      { fifo: true },
    )

  it('is detected from the .fifo queue ARN and runs in order, failing the rest of the batch at the first failure', async () => {
    const ran: string[] = []
    const handler = lambda(sqs()).handle(async ({ messageId }) => {
      ran.push(messageId)
      await sleep(0)
      if (messageId === 'a2') throw new Error('a2 failed')
    })
    const response = await handler(fifoBatch(), createContext())
    expect(ran).toEqual(['a1', 'b1', 'a2'])
    expect(failedIds(response)).toEqual(['a2', 'b2', 'a3'])
    expect(stderr.lines().map((line) => [line.level, line.record_id ?? line.records_not_run])).toEqual([
      ['ERROR', 'a2'],
      ['WARN', 2],
    ])
    expect(stderr.lines()[1]).toMatchObject({
      message: expect.stringContaining('were not run because an earlier message they must follow'),
      reason: 'earlier-failure',
    })
  })

  it("with onFifoFailure 'fail-rest-of-group', fails only the rest of that group and goes on with others", async () => {
    const ran: string[] = []
    const handler = lambda(sqs({ onFifoFailure: 'fail-rest-of-group', concurrency: 1 })).handle(
      ({ messageId }) => {
        ran.push(messageId)
        if (messageId === 'a2') throw new Error('a2 failed')
      },
    )
    const response = await handler(fifoBatch(), createContext())
    expect(ran).toEqual(['a1', 'b1', 'a2', 'b2'])
    expect(failedIds(response)).toEqual(['a2', 'a3'])
  })

  it('can be set explicitly, whatever the ARN says', async () => {
    const ran: string[] = []
    const handler = lambda(sqs({ fifo: true })).handle(({ messageId }) => {
      ran.push(messageId)
      throw new Error('first fails')
    })
    const response = await handler(sqsEvent(['m1', 'm2'], { fifo: false }), createContext()).catch(
      (error: unknown) => error,
    )
    expect(ran).toEqual(['m1'])
    expect(response).toBeInstanceOf(RecordsFailedError)
    const failures = (response as RecordsFailedError).failures
    expect(failures[1]?.error).toBeInstanceOf(RecordsNotRunError)
    expect((failures[1]!.error as RecordsNotRunError).reason).toBe('earlier-failure')
  })

  it('fifo: false runs a .fifo queue like a standard one', async () => {
    const handler = lambda(sqs({ fifo: false })).handle(({ messageId }) => {
      if (messageId === 'a1') throw new Error('a1 failed')
    })
    expect(failedIds(await handler(fifoBatch(), createContext()))).toEqual(['a1'])
  })
})

describe('sqs() bad input', () => {
  const handler = lambda(sqs()).handle(() => {})

  it.each([
    ['null', null],
    ['no Records', { detail: {} }],
    ['a record that is not an object', { Records: [42] }],
    ['a record without messageId (a Kinesis event)', { Records: [{ kinesis: { sequenceNumber: '1' } }] }],
  ])('throws InvalidEventError for %s, before running any record', async (_, event) => {
    let ran = 0
    const counting = lambda(sqs()).handle(() => {
      ran++
    })
    await expect(counting(event as never, createContext())).rejects.toBeInstanceOf(InvalidEventError)
    expect(ran).toBe(0)
  })

  it('fails alone a message whose request cannot be built, and reports it', async () => {
    const event = sqsEvent(['m1', 'm2'])
    ;(event.Records[1] as { body: unknown }).body = undefined
    const response = await handler(event, createContext())
    expect(failedIds(response)).toEqual(['m2'])
    expect(stderr.lines()[0]).toMatchObject({ error: { code: 'INVALID_EVENT' } })
  })

  it('rejects a bad option when the adapter is made', () => {
    expect(() => sqs({ concurrency: 0 })).toThrow(
      "sqs(): option 'concurrency' must be Infinity or a whole number, 1 or more, got 0",
    )
    expect(() => sqs({ concurrency: 2.5 })).toThrow(InvalidOptionError)
    expect(() => sqs({ onFifoFailure: 'skip' as never })).toThrow(
      "sqs(): option 'onFifoFailure' must be one of 'fail-rest-of-batch', 'fail-rest-of-group', got \"skip\"",
    )
    expect(() => sqs({ fifo: 'yes' as never })).toThrow(InvalidOptionError)
    expect(() => sqs({ throwWhenEveryRecordFails: 'no' as never })).toThrow(InvalidOptionError)
    expect(() => sqs({ concurrency: Number.POSITIVE_INFINITY })).not.toThrow()
  })
})
