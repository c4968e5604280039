import { setTimeout as sleep } from 'node:timers/promises'
import { eventBridge, HttpError, http, httpErrors, lambda, setLogWriter, sns } from '@tsumiki/core'
import { createContext, events, invoke } from '@tsumiki/testing'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createLogger, logger } from '../../src/index.js'
import { capture, type LogLine } from '../support/capture.js'

beforeEach(() => {
  vi.stubEnv('AWS_LAMBDA_LOG_LEVEL', '')
  vi.stubEnv('TSUMIKI_LOG_LEVEL', '')
  vi.stubEnv('TSUMIKI_LOG_SAMPLE_RATE', '')
  vi.stubEnv('TSUMIKI_LOG_EVENT', '')
  vi.stubEnv('_X_AMZN_TRACE_ID', '')
})
afterEach(() => {
  vi.unstubAllEnvs()
  vi.restoreAllMocks()
})

const byMessage = (lines: readonly LogLine[], message: string) =>
  lines.filter((line) => line.message === message)

describe('request.log on an HTTP request', () => {
  it('carries the Lambda context, the cold start and the correlation header on every line', async () => {
    const out = capture()
    const handler = lambda(http())
      .use(logger({ service: 'orders', write: out.write }))
      .handle(({ log }) => {
        log.info('order placed', { orderId: 'o-1' })
        return { correlationId: log.correlationId }
      })
    const context = createContext({ functionName: 'orders-api', awsRequestId: 'req-1' })
    const event = events.http('apiGatewayV2', { headers: { 'x-correlation-id': 'corr-1' } })

    const first = await invoke(handler, event, context)
    await invoke(handler, event, createContext({ functionName: 'orders-api', awsRequestId: 'req-2' }))

    expect(JSON.parse((first as { body: string }).body)).toEqual({ correlationId: 'corr-1' })
    expect(out.lines).toEqual([
      expect.objectContaining({
        level: 'INFO',
        message: 'order placed',
        service: 'orders',
        function_name: 'orders-api',
        function_version: '$LATEST',
        function_request_id: 'req-1',
        cold_start: true,
        correlation_id: 'corr-1',
        orderId: 'o-1',
      }),
      expect.objectContaining({ function_request_id: 'req-2', cold_start: false }),
    ])
    expect(out.lines[0]).not.toHaveProperty('record_id')
  })

  it('falls back to x-request-id, then to the API Gateway request id', async () => {
    const out = capture()
    const handler = lambda(http())
      .use(logger({ write: out.write }))
      .handle(({ log }) => log.info('seen'))
    await invoke(handler, events.http('apiGatewayV1', { headers: { 'X-Request-Id': 'from-header' } }))
    const event = events.apiGatewayV2()
    await invoke(handler, event)
    expect(out.lines.map((line) => line.correlation_id)).toEqual([
      'from-header',
      event.requestContext.requestId,
    ])
  })

  it('reads the X-Ray trace id of each invocation when it starts', async () => {
    const out = capture()
    const handler = lambda(http())
      .use(logger({ write: out.write }))
      .handle(({ log }) => log.info('traced'))
    vi.stubEnv('_X_AMZN_TRACE_ID', 'Root=1-00000001-aaaaaaaaaaaaaaaaaaaaaaaa;Parent=1;Sampled=1')
    await invoke(handler, events.apiGatewayV2())
    vi.stubEnv('_X_AMZN_TRACE_ID', 'Root=1-00000002-bbbbbbbbbbbbbbbbbbbbbbbb;Parent=2;Sampled=0')
    await invoke(handler, events.apiGatewayV2())
    // Lambda Managed Instances give each invocation its own trace header on the context instead.
    const context = Object.assign(createContext(), {
      xRayTraceId: 'Root=1-00000003-cccccccccccccccccccccccc',
    })
    await invoke(handler, events.apiGatewayV2(), context)
    expect(out.lines.map((line) => line.xray_trace_id)).toEqual([
      '1-00000001-aaaaaaaaaaaaaaaaaaaaaaaa',
      '1-00000002-bbbbbbbbbbbbbbbbbbbbbbbb',
      '1-00000003-cccccccccccccccccccccccc',
    ])
  })
})

describe('request.log on other sources', () => {
  it('adds the record id to an SNS record and takes its correlation id from the message attributes', async () => {
    const out = capture()
    const handler = lambda(sns())
      .use(logger({ write: out.write }))
      .handle(({ log }) => log.info('notified'))
    const event = events.sns([
      {
        Sns: { MessageId: 'm-1', MessageAttributes: { correlation_id: { Type: 'String', Value: 'corr-9' } } },
      },
      { Sns: { MessageId: 'm-2' } },
    ])
    await invoke(handler, event, createContext({ awsRequestId: 'req-sns' }))
    expect(out.lines).toEqual([
      expect.objectContaining({ function_request_id: 'req-sns', record_id: 'm-1', correlation_id: 'corr-9' }),
      expect.objectContaining({ function_request_id: 'req-sns', record_id: 'm-2', correlation_id: 'm-2' }),
    ])
  })

  it('takes the EventBridge event id as the correlation id', async () => {
    const out = capture()
    const handler = lambda(eventBridge())
      .use(logger({ write: out.write }))
      .handle(({ log }) => log.info('received'))
    const event = events.eventBridge({ id: 'evt-1' })
    await invoke(handler, event)
    expect(out.lines[0]).toMatchObject({ correlation_id: 'evt-1' })
  })
})

describe('per-invocation state', () => {
  it('does not carry keys or a sampled level into the next warm invocation', async () => {
    const out = capture()
    const random = vi.spyOn(Math, 'random')
    const handler = lambda(http())
      .use(logger({ sampleRate: 0.5, write: out.write }))
      .handle(({ log, headers }) => {
        if (headers['x-user'] !== undefined) log.appendKeys({ user: headers['x-user'] })
        log.debug('details')
        log.info('done')
      })

    random.mockReturnValueOnce(0.1)
    await invoke(
      handler,
      events.http('apiGatewayV2', { headers: { 'x-user': 'ada' } }),
      createContext({ awsRequestId: 'r1' }),
    )
    random.mockReturnValueOnce(0.9)
    await invoke(handler, events.http('apiGatewayV2'), createContext({ awsRequestId: 'r2' }))
    random.mockReturnValueOnce(0.2)
    await invoke(handler, events.http('apiGatewayV2'), createContext({ awsRequestId: 'r3' }))

    expect(out.lines.map((line) => [line.function_request_id, line.level, line.user])).toEqual([
      ['r1', 'DEBUG', 'ada'],
      ['r1', 'INFO', 'ada'],
      ['r2', 'INFO', undefined],
      ['r3', 'DEBUG', undefined],
      ['r3', 'INFO', undefined],
    ])
  })

  it('draws the sampling once per invocation, shared by all its records', async () => {
    const out = capture()
    const random = vi.spyOn(Math, 'random').mockReturnValue(0.01)
    const handler = lambda(sns())
      .use(logger({ sampleRate: 0.1, write: out.write }))
      .handle(({ log }) => log.debug('record details'))
    await invoke(handler, events.sns([{}, {}, {}]))
    expect(random).toHaveBeenCalledTimes(1)
    expect(out.lines.map((line) => line.level)).toEqual(['DEBUG', 'DEBUG', 'DEBUG'])
  })

  it('keeps 50 overlapping invocations in one process apart', async () => {
    const out = capture()
    let draws = 0
    // Every other draw picks its invocation for debug logging.
    vi.spyOn(Math, 'random').mockImplementation(() => (draws++ % 2 === 0 ? 0 : 0.99))
    const handler = lambda(http())
      .use(logger({ sampleRate: 0.5, write: out.write }))
      .handle(async ({ log, headers }) => {
        const caller = headers['x-caller']
        log.appendKeys({ caller })
        await sleep(Math.floor(Number(caller) * 7) % 11)
        log.debug('sampled detail')
        log.info('first', { step: 1 })
        await sleep(Math.floor(Number(caller) * 3) % 5)
        log.child({ stage: 'second' }).info('second', { step: 2 })
        log.debug('sampled detail')
        return { caller }
      })

    const results = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        invoke(
          handler,
          events.http('apiGatewayV2', {
            headers: { 'x-correlation-id': `corr-${index}`, 'x-caller': String(index) },
          }),
          createContext({ awsRequestId: `req-${index}` }),
        ),
      ),
    )

    expect(results).toHaveLength(50)
    const lines = out.lines
    const sampled = new Set<string>()
    for (let index = 0; index < 50; index++) {
      const own = lines.filter((line) => line.function_request_id === `req-${index}`)
      for (const line of own) {
        expect(line).toMatchObject({ correlation_id: `corr-${index}`, caller: String(index) })
      }
      expect(own.filter((line) => line.level === 'INFO')).toHaveLength(2)
      expect(own.find((line) => line.message === 'first')).not.toHaveProperty('stage')
      const debugLines = own.filter((line) => line.level === 'DEBUG').length
      expect([0, 2]).toContain(debugLines)
      if (debugLines === 2) sampled.add(`req-${index}`)
    }
    expect(sampled.size).toBe(25)
    // Overlap really happened: lines of different invocations are interleaved.
    const order = lines.map((line) => line.function_request_id)
    expect(order.slice(0, 50).every((id) => id === order[0])).toBe(false)
  })
})

describe('an error leaving the handler', () => {
  it('is logged once, with the request id, marked reported and rethrown', async () => {
    const out = capture()
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true)
    const handler = lambda(http())
      .use(logger({ write: out.write }))
      .handle(async () => {
        await sleep(1)
        throw new Error('database unavailable')
      })
    const response = await invoke(handler, events.apiGatewayV2(), createContext({ awsRequestId: 'req-err' }))
    expect((response as { statusCode: number }).statusCode).toBe(500)
    expect(out.lines).toEqual([
      expect.objectContaining({
        level: 'ERROR',
        message: 'Unhandled error',
        function_request_id: 'req-err',
        error: expect.objectContaining({ name: 'Error', message: 'database unavailable' }),
      }),
    ])
    expect(stderr).not.toHaveBeenCalled()
  })

  it('is not logged again when the handler logged it, and a synchronous throw is caught too', async () => {
    const out = capture()
    const handler = lambda(sns())
      .use(logger({ write: out.write }))
      .handle(({ log }) => {
        const error = new Error('bad message')
        log.error('could not process', error)
        throw error
      })
    await expect(invoke(handler, events.sns())).rejects.toThrow('bad message')
    expect(out.lines.map((line) => line.message)).toEqual(['could not process'])
  })

  it('is logged at info level when it is a client error', async () => {
    const out = capture()
    const handler = lambda(http())
      .use(logger({ write: out.write }))
      .handle(() => {
        throw httpErrors.notFound('no such order')
      })
    const response = await invoke(handler, events.apiGatewayV2())
    expect((response as { statusCode: number }).statusCode).toBe(404)
    expect(out.lines).toEqual([
      expect.objectContaining({
        level: 'INFO',
        message: 'Answered HTTP 404',
        error: expect.objectContaining({ message: 'no such order', status: 404 }),
      }),
    ])
  })

  it('is logged without a stack when it is a client error (an answer, not a fault), with one when a 5xx', async () => {
    const out = capture()
    const handler = lambda(http())
      .use(logger({ write: out.write }))
      .handle(({ query }) => {
        throw query.fault === 'server'
          ? new HttpError(503, 'carrier down', { headers: { 'retry-after': '5' } })
          : httpErrors.notFound('no such order', { details: { orderId: 'o-1' } })
      })
    await invoke(handler, events.http('apiGatewayV2', { query: { fault: 'client' } }))
    await invoke(handler, events.http('apiGatewayV2', { query: { fault: 'server' } }))
    const [client, server] = out.lines as [LogLine, LogLine]
    expect(client.error).toEqual({
      name: 'HttpError',
      message: 'no such order',
      code: 'HTTP_404',
      status: 404,
      type: 'not_found',
      details: { orderId: 'o-1' },
      headers: {},
    })
    expect(server).toMatchObject({
      level: 'ERROR',
      error: { status: 503, stack: expect.stringContaining('at ') },
    })
  })
})

describe('a failed record', () => {
  it('is logged once as "Record failed" at error level, with its record id', async () => {
    const out = capture()
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true)
    const handler = lambda(sns())
      .use(logger({ write: out.write }))
      .handle(() => {
        throw new Error('carrier API timed out')
      })
    const event = events.sns()
    await expect(invoke(handler, event, { awsRequestId: 'req-rec' })).rejects.toThrow('carrier API timed out')
    expect(out.lines).toEqual([
      expect.objectContaining({
        level: 'ERROR',
        message: 'Record failed',
        function_request_id: 'req-rec',
        record_id: event.Records[0]?.Sns.MessageId,
        error: expect.objectContaining({ message: 'carrier API timed out' }),
      }),
    ])
    expect(stderr).not.toHaveBeenCalled()
  })

  it('is a failure even when the error is a client error: a record has no client to answer', async () => {
    const out = capture()
    const handler = lambda(sns())
      .use(logger({ write: out.write }))
      .handle(() => {
        throw httpErrors.unprocessableEntity('total must be positive')
      })
    await expect(invoke(handler, events.sns())).rejects.toThrow('total must be positive')
    expect(out.lines).toEqual([
      expect.objectContaining({
        level: 'ERROR',
        message: 'Record failed',
        error: expect.objectContaining({ name: 'HttpError', message: 'total must be positive' }),
      }),
    ])
  })

  it("carries the record's fields and the error's details, not HTTP-only fields like status and headers", async () => {
    const out = capture()
    const issues = [{ path: ['total'], message: 'must be positive' }]
    const handler = lambda(sns())
      .use(logger({ write: out.write }))
      .handle(() => {
        throw httpErrors.unprocessableEntity('invalid order', {
          details: { issues },
          headers: { 'retry-after': '1' },
        })
      })
    const event = events.sns()
    await expect(invoke(handler, event)).rejects.toThrow('invalid order')
    const [line] = out.lines
    expect(line).toMatchObject({
      message: 'Record failed',
      record_id: event.Records[0]?.Sns.MessageId,
      error: { name: 'HttpError', message: 'invalid order', code: 'HTTP_422', details: { issues } },
    })
    const error = line?.error as Record<string, unknown>
    expect(typeof error.stack).toBe('string')
    for (const httpOnly of ['status', 'headers', 'type']) {
      expect(line).not.toHaveProperty(httpOnly)
      expect(error).not.toHaveProperty(httpOnly)
    }
  })
})

describe('a client error outside HTTP and records', () => {
  it('is logged as an unhandled error: there is nobody to answer', async () => {
    const out = capture()
    const handler = lambda(eventBridge())
      .use(logger({ write: out.write }))
      .handle(() => {
        throw httpErrors.badRequest('unknown detail type')
      })
    await expect(invoke(handler, events.eventBridge())).rejects.toThrow('unknown detail type')
    expect(out.lines).toEqual([
      expect.objectContaining({
        level: 'ERROR',
        message: 'Unhandled error',
        error: expect.objectContaining({ status: 400 }),
      }),
    ])
  })
})

describe('event and result logging', () => {
  it('logs the event and the result, redacted', async () => {
    const out = capture()
    const handler = lambda(http())
      .use(logger({ logEvent: true, logResult: true, redact: ['result.token'], write: out.write }))
      .handle(() => ({ token: 'tok-1', ok: true }))
    const event = events.http('apiGatewayV2', {
      headers: { authorization: 'Bearer secret-jwt' },
      cookies: { session: 's-1' },
      body: { orderId: 'o-1' },
    })
    await invoke(handler, event)
    const [eventLine] = byMessage(out.lines, 'Lambda invocation event')
    const [resultLine] = byMessage(out.lines, 'Lambda invocation result')
    expect(eventLine).toMatchObject({
      event: { headers: { authorization: '[REDACTED]' }, cookies: '[REDACTED]' },
    })
    expect(JSON.stringify(eventLine)).not.toContain('secret-jwt')
    expect(JSON.stringify(eventLine)).not.toContain('s-1')
    expect(resultLine).toMatchObject({ result: { token: '[REDACTED]', ok: true } })
  })

  it('logs a batch event once per invocation, and follows TSUMIKI_LOG_EVENT', async () => {
    vi.stubEnv('TSUMIKI_LOG_EVENT', 'true')
    const out = capture()
    const handler = lambda(sns())
      .use(logger({ write: out.write }))
      .handle(({ log }) => log.info('record'))
    await invoke(handler, events.sns([{}, {}]))
    expect(out.lines.map((line) => line.message)).toEqual(['Lambda invocation event', 'record', 'record'])
  })
})

describe('a shared module logger', () => {
  it('makes the request loggers, with its keys, and cannot be mixed with options', async () => {
    const out = capture()
    const moduleLog = createLogger({ service: 'orders', keys: { team: 'payments' }, write: out.write })
    moduleLog.info('module loaded')
    const handler = lambda(http())
      .use(logger({ logger: moduleLog }))
      .handle(({ log }) => log.info('handled'))
    await invoke(handler, events.apiGatewayV2(), createContext({ awsRequestId: 'req-m' }))
    expect(out.lines).toEqual([
      expect.objectContaining({ message: 'module loaded', team: 'payments' }),
      expect.objectContaining({
        message: 'handled',
        team: 'payments',
        service: 'orders',
        function_request_id: 'req-m',
      }),
    ])
    expect(out.lines[0]).not.toHaveProperty('function_request_id')
    expect(() => logger({ logger: moduleLog, service: 'x' })).toThrow(
      "logger(): option 'logger' must be left out when logger options are given (service)",
    )
  })
})

describe('errors that cannot carry a mark', () => {
  it.each([
    ['a thrown string', () => 'database unavailable'],
    ['a frozen error', () => Object.freeze(new Error('database unavailable'))],
  ])(
    '%s leaving an HTTP handler is logged exactly once, by the logger, and answered with a 500',
    async (_, make) => {
      const out = capture()
      const fallback: string[] = []
      const restore = setLogWriter((line) => fallback.push(line))
      try {
        const handler = lambda(http())
          .use(logger({ write: out.write }))
          .handle(() => {
            throw make()
          })
        const response = (await invoke(handler, events.http('apiGatewayV2'))) as { statusCode: number }

        expect(response.statusCode).toBe(500)
        expect(out.lines.filter((line) => line.level === 'ERROR')).toHaveLength(1)
        // Core's last-resort line would be a second report of the same failure.
        expect(fallback).toEqual([])
      } finally {
        restore()
      }
    },
  )
})
