import { afterEach, describe, expect, it, vi } from 'vitest'
import { InvalidEventError, lambda, RecordsFailedError, type SnsRequest, sns } from '../../../src/index.js'
import { captureStderr, context, snsEvent, snsRecord } from '../../support/index.js'

afterEach(() => {
  vi.restoreAllMocks()
})

describe('sns()', () => {
  it('runs the whole chain once per record, in order', async () => {
    const log: string[] = []
    const handler = lambda(sns())
      .use({
        name: 'trace',
        handle(request, next) {
          log.push(`mw:${request.body}`)
          return next()
        },
      })
      .handle((request) => {
        log.push(`handler:${request.body}`)
      })

    await expect(
      handler(snsEvent(snsRecord({ message: 'one' }), snsRecord({ message: 'two' })), context()),
    ).resolves.toBeUndefined()
    expect(log).toEqual(['mw:one', 'handler:one', 'mw:two', 'handler:two'])
  })

  it('gives the message, its text as body, attributes, subject, topic and record id', async () => {
    let seen: SnsRequest | undefined
    const handler = lambda(sns()).handle((request) => {
      seen = request
    })
    const record = snsRecord({
      message: '{"orderId":"ord-1","status":"shipped"}',
      messageId: '95df01b4-ee98-5cb9-9903-4c221d41eb5e',
      subject: 'Order shipped',
      topicArn: 'arn:aws:sns:us-east-1:123456789012:order-events',
      attributes: { eventType: 'OrderShipped', tenant: 'acme' },
    })
    const event = snsEvent(record)

    await handler(event, context())
    expect(seen).toMatchObject({
      kind: 'sns',
      body: '{"orderId":"ord-1","status":"shipped"}',
      messageId: '95df01b4-ee98-5cb9-9903-4c221d41eb5e',
      recordId: '95df01b4-ee98-5cb9-9903-4c221d41eb5e',
      subject: 'Order shipped',
      topicArn: 'arn:aws:sns:us-east-1:123456789012:order-events',
      attributes: { eventType: 'OrderShipped', tenant: 'acme' },
    })
    expect(seen?.message).toBe(record.Sns)
    expect(seen?.record).toBe(record)
    expect(seen?.event).toBe(event)
  })

  it('has an undefined subject when the message has none', async () => {
    let subject: string | undefined = 'unset'
    await lambda(sns()).handle((request) => {
      subject = request.subject
    })(snsEvent(snsRecord()), context())
    expect(subject).toBeUndefined()
  })

  it.each(['correlation_id', 'correlationId', 'x-correlation-id'])(
    'takes the correlation id from the %s message attribute',
    async (attribute) => {
      let correlationId: string | undefined
      await lambda(sns()).handle((request) => {
        correlationId = request.correlationId
      })(snsEvent(snsRecord({ attributes: { [attribute]: 'corr-77' } })), context())
      expect(correlationId).toBe('corr-77')
    },
  )

  it('falls back to the message id for the correlation id', async () => {
    let correlationId: string | undefined
    await lambda(sns()).handle((request) => {
      correlationId = request.correlationId
    })(snsEvent(snsRecord({ messageId: 'msg-1' })), context())
    expect(correlationId).toBe('msg-1')
  })

  it('shares one invocation between the records: same context, signal and cold-start flag', async () => {
    const seen: SnsRequest[] = []
    const ctx = context()
    await lambda(sns()).handle((request) => {
      seen.push(request)
    })(snsEvent(snsRecord(), snsRecord()), ctx)
    expect(seen[0]?.context).toBe(ctx)
    expect(seen[1]?.context).toBe(ctx)
    expect(seen[0]?.signal).toBe(seen[1]?.signal)
    expect(seen[0]).not.toBe(seen[1])
  })

  it('rethrows the error of the one record that failed, after every record ran', async () => {
    const processed: string[] = []
    const failure = new Error('inventory service rejected the update')
    const handler = lambda(sns()).handle((request) => {
      processed.push(request.body)
      if (request.body === 'second') throw failure
    })

    const event = snsEvent(
      snsRecord({ message: 'first' }),
      snsRecord({ message: 'second' }),
      snsRecord({ message: 'third' }),
    )
    await expect(handler(event, context())).rejects.toBe(failure)
    expect(processed).toEqual(['first', 'second', 'third'])
  })

  it('fails with RecordsFailedError listing the failed record ids when several records failed', async () => {
    const stderr = captureStderr()
    const processed: string[] = []
    const handler = lambda(sns()).handle(async (request) => {
      processed.push(request.messageId)
      if (request.messageId !== 'msg-2') throw new Error(`cannot process ${request.messageId}`)
    })
    const event = snsEvent(
      snsRecord({ messageId: 'msg-1' }),
      snsRecord({ messageId: 'msg-2' }),
      snsRecord({ messageId: 'msg-3' }),
    )

    const error = await handler(event, context(3_000, { awsRequestId: 'req-sns' })).catch(
      (caught: unknown) => caught,
    )
    expect(processed).toEqual(['msg-1', 'msg-2', 'msg-3'])
    expect(error).toBeInstanceOf(RecordsFailedError)
    const failed = error as RecordsFailedError
    expect(failed.code).toBe('RECORDS_FAILED')
    expect(failed.failures.map((failure) => failure.recordId)).toEqual(['msg-1', 'msg-3'])
    expect(failed.message).toBe('2 of 3 sns records failed: msg-1, msg-3')
    expect(failed.cause).toBeInstanceOf(AggregateError)
    expect(stderr.lines()).toEqual([
      expect.objectContaining({
        message: 'Record failed',
        record_id: 'msg-1',
        function_request_id: 'req-sns',
      }),
      expect.objectContaining({
        message: 'Record failed',
        record_id: 'msg-3',
        function_request_id: 'req-sns',
      }),
    ])
  })

  it('throws InvalidEventError for an event without Records', async () => {
    const handler = lambda(sns()).handle(() => {})
    const error = await handler({ detail: {} } as never, context()).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(InvalidEventError)
    expect((error as InvalidEventError).code).toBe('INVALID_EVENT')
  })

  it('fails a record without an Sns message with InvalidEventError, without running the chain for it', async () => {
    const handle = vi.fn()
    const handler = lambda(sns()).handle(handle)
    const error = await handler({ Records: [{ EventSource: 'aws:sqs' }] } as never, context()).catch(
      (caught: unknown) => caught,
    )
    expect(error).toBeInstanceOf(InvalidEventError)
    expect(handle).not.toHaveBeenCalled()
  })
})

describe('sns() attribute names that are Object.prototype members', () => {
  it('keeps attributes named __proto__ and constructor as plain values', async () => {
    const seen: Record<string, string>[] = []
    const event = snsEvent(snsRecord({ attributes: { constructor: 'c', tenant: 't' } }))
    const sns0 = event.Records[0]!.Sns
    Object.defineProperty(sns0.MessageAttributes, '__proto__', {
      value: { Type: 'String', Value: 'p' },
      enumerable: true,
      configurable: true,
      writable: true,
    })
    await lambda(sns()).handle((request) => {
      seen.push(request.attributes)
    })(event, context())
    expect(Object.entries(seen[0]!).sort()).toEqual([
      ['__proto__', 'p'],
      ['constructor', 'c'],
      ['tenant', 't'],
    ])
  })
})
