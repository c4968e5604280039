import { InvalidOptionError, isErrorReported } from '@tsumiki/core'
import { createContext } from '@tsumiki/testing'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createLogger, logger } from '../../src/index.js'
import { capture, topLevelKeys } from '../support/capture.js'

beforeEach(() => {
  vi.stubEnv('AWS_LAMBDA_LOG_LEVEL', '')
  vi.stubEnv('TSUMIKI_LOG_LEVEL', '')
  vi.stubEnv('TSUMIKI_SERVICE_NAME', '')
  vi.stubEnv('TSUMIKI_LOG_SAMPLE_RATE', '')
  vi.stubEnv('AWS_LAMBDA_FUNCTION_NAME', '')
  vi.stubEnv('_X_AMZN_TRACE_ID', '')
})
afterEach(() => {
  vi.unstubAllEnvs()
  vi.restoreAllMocks()
})

describe('a line', () => {
  it('is one JSON object with the standard keys first, in a fixed order', () => {
    vi.stubEnv(
      '_X_AMZN_TRACE_ID',
      'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=557abcec3ee5a047;Sampled=1',
    )
    const out = capture()
    const context = createContext({ functionName: 'orders-api', awsRequestId: 'req-1' })
    const log = createLogger({ service: 'orders', write: out.write }).forInvocation(context, {
      coldStart: true,
      correlationId: 'corr-1',
    })

    log.info('order placed', { orderId: 'o-1', totalCents: 4200 })

    const [line] = out.lines
    expect(line).toEqual({
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      level: 'INFO',
      message: 'order placed',
      service: 'orders',
      function_name: 'orders-api',
      function_version: '$LATEST',
      function_request_id: 'req-1',
      cold_start: true,
      xray_trace_id: '1-5759e988-bd862e3fe1be46a994272793',
      correlation_id: 'corr-1',
      orderId: 'o-1',
      totalCents: 4200,
    })
    expect(topLevelKeys(out.raw[0] as string)).toEqual(Object.keys(line as object))
    expect(log.correlationId).toBe('corr-1')
  })

  it('has a timestamp of the moment it was written', () => {
    vi.useFakeTimers({ now: Date.parse('2026-03-01T12:00:00.000Z') })
    try {
      const out = capture()
      const log = createLogger({ write: out.write })
      log.info('first')
      vi.setSystemTime(Date.parse('2026-03-01T12:00:00.007Z'))
      log.info('second')
      expect(out.lines.map((line) => line.timestamp)).toEqual([
        '2026-03-01T12:00:00.000Z',
        '2026-03-01T12:00:00.007Z',
      ])
    } finally {
      vi.useRealTimers()
    }
  })

  it('leaves out context keys the logger does not have', () => {
    const out = capture()
    createLogger({ write: out.write }).info('at module load')
    expect(Object.keys(out.lines[0] as object)).toEqual(['timestamp', 'level', 'message'])
  })

  it('takes the service from TSUMIKI_SERVICE_NAME, then from the function name', () => {
    const out = capture()
    vi.stubEnv('AWS_LAMBDA_FUNCTION_NAME', 'orders-api')
    createLogger({ write: out.write }).info('a')
    vi.stubEnv('TSUMIKI_SERVICE_NAME', 'orders')
    createLogger({ write: out.write }).info('b')
    createLogger({ service: 'billing', write: out.write }).info('c')
    expect(out.lines.map((line) => line.service)).toEqual(['orders-api', 'orders', 'billing'])
  })
})

describe('levels', () => {
  it('writes the lines at the logger level and above', () => {
    const out = capture()
    const log = createLogger({ level: 'warn', write: out.write })
    log.trace('t')
    log.debug('d')
    log.info('i')
    log.warn('w')
    log.error('e')
    log.fatal('f')
    expect(out.lines.map((line) => line.level)).toEqual(['WARN', 'ERROR', 'FATAL'])
    expect(log.isLevelEnabled('info')).toBe(false)
    expect(log.isLevelEnabled('error')).toBe(true)
  })

  it('is info by default and silent writes nothing', () => {
    const out = capture()
    createLogger({ write: out.write }).debug('hidden')
    createLogger({ level: 'silent', write: out.write }).fatal('hidden too')
    expect(out.raw).toEqual([])
  })

  it('follows AWS_LAMBDA_LOG_LEVEL over the code, and says so when the code asked for less', () => {
    vi.stubEnv('AWS_LAMBDA_LOG_LEVEL', 'WARN')
    const out = capture()
    const log = createLogger({ level: 'debug', write: out.write })
    log.info('dropped by Lambda anyway')
    log.warn('kept')
    expect(log.level).toBe('warn')
    expect(out.lines.map((line) => line.message)).toEqual([
      expect.stringContaining('below AWS_LAMBDA_LOG_LEVEL=warn'),
      'kept',
    ])
  })

  it('takes TSUMIKI_LOG_LEVEL when the code sets no level, and ignores a bad value with a warning', () => {
    vi.stubEnv('TSUMIKI_LOG_LEVEL', 'debug')
    expect(createLogger({ write: () => {} }).level).toBe('debug')
    expect(createLogger({ level: 'error', write: () => {} }).level).toBe('error')
    vi.stubEnv('TSUMIKI_LOG_LEVEL', 'loud')
    const out = capture()
    expect(createLogger({ write: out.write }).level).toBe('info')
    expect(out.lines[0]).toMatchObject({
      level: 'WARN',
      message: 'TSUMIKI_LOG_LEVEL=loud is not a log level; it is ignored',
    })
  })

  it('rejects bad options when the logger is made, not when it logs', () => {
    expect(() => createLogger({ level: 'loud' as never })).toThrow(
      "createLogger(): option 'level' must be one of",
    )
    expect(() => createLogger({ sampleRate: 1.5 })).toThrow(
      "createLogger(): option 'sampleRate' must be a number from 0 to 1, got 1.5",
    )
    expect(() => createLogger({ redact: ['a..b'] })).toThrow(
      'createLogger(): option \'redact\' must be key paths without an empty segment, got "a..b"',
    )
    expect(() => createLogger({ write: 'stdout' as never })).toThrow(InvalidOptionError)
    expect(() => createLogger({ levle: 'debug' } as never)).toThrow(
      "createLogger(): option 'levle' must be one of the known options",
    )
    expect(() => logger({ sampleRate: 2 })).toThrow("logger(): option 'sampleRate'")
    expect(() => logger({ logEvents: true } as never)).toThrow("logger(): option 'logEvents'")
    expect(() => logger({ logger: createLogger(), level: 'debug' })).toThrow(InvalidOptionError)
  })
})

describe('keys', () => {
  it('puts persistent keys, then child keys, then the fields on the line', () => {
    const out = capture()
    const root = createLogger({ service: 'orders', keys: { region: 'eu-west-1' }, write: out.write })
    const child = root.child({ component: 'payments' })
    child.info('charged', { orderId: 'o-1' })
    root.info('root unchanged')
    expect(topLevelKeys(out.raw[0] as string)).toEqual([
      'timestamp',
      'level',
      'message',
      'service',
      'region',
      'component',
      'orderId',
    ])
    expect(out.lines[1]).not.toHaveProperty('component')
  })

  it('lets a field override a key of the same name without writing it twice', () => {
    const out = capture()
    const log = createLogger({ keys: { step: 'load' }, write: out.write }).child({ attempt: 1 })
    log.info('retry', { attempt: 2 })
    expect(out.lines[0]).toMatchObject({ step: 'load', attempt: 2 })
    expect(topLevelKeys(out.raw[0] as string).filter((key) => key === 'attempt')).toHaveLength(1)
  })

  it('writes fields and keys named like the standard keys as field_<name>', () => {
    const out = capture()
    const log = createLogger({ service: 'orders', keys: { service: 'spoofed' }, write: out.write })
    log.info('hello', { level: 'custom', message: 'other', timestamp: 1, correlation_id: 'x' })
    const [line] = out.lines
    expect(line).toMatchObject({
      level: 'INFO',
      message: 'hello',
      service: 'orders',
      field_service: 'spoofed',
      field_level: 'custom',
      field_message: 'other',
      field_timestamp: 1,
      field_correlation_id: 'x',
    })
    const keys = topLevelKeys(out.raw[0] as string)
    expect(new Set(keys).size).toBe(keys.length)
  })

  it('adds appended keys to the later lines of that logger only', () => {
    const out = capture()
    const root = createLogger({ write: out.write })
    const before = root.child({ kind: 'before' })
    root.appendKeys({ tenant: 't-1' })
    root.info('after')
    before.info('child made before')
    root.child({ kind: 'after' }).info('child made after')
    expect(out.lines.map((line) => line.tenant)).toEqual(['t-1', undefined, 't-1'])
  })

  it('writes the fields of a class instance at the top level, like a plain object', () => {
    class Order {
      readonly id = 'o-1'
      readonly level = 'gold'
      total(): number {
        return 1
      }
    }
    const out = capture()
    createLogger({ write: out.write }).info('order', new Order())
    expect(out.lines[0]).toMatchObject({ message: 'order', id: 'o-1', field_level: 'gold' })
  })

  it('snapshots the keys it is given', () => {
    const out = capture()
    const keys: Record<string, unknown> = { version: 1 }
    const log = createLogger({ keys, write: out.write })
    keys.version = 2
    log.info('a')
    expect(out.lines[0]).toMatchObject({ version: 1 })
  })
})

describe('errors', () => {
  it('writes the error with name, message, stack, code and cause, and marks it reported', () => {
    const out = capture()
    const cause = new TypeError('socket hang up')
    const error = Object.assign(new Error('payment failed', { cause }), { code: 'E_PAYMENT', attempt: 3 })
    createLogger({ write: out.write }).error('charge failed', error, { orderId: 'o-1' })
    expect(out.lines[0]).toMatchObject({
      level: 'ERROR',
      message: 'charge failed',
      error: {
        name: 'Error',
        message: 'payment failed',
        code: 'E_PAYMENT',
        stack: expect.stringContaining('Error: payment failed'),
        attempt: 3,
        cause: { name: 'TypeError', message: 'socket hang up', stack: expect.stringContaining('TypeError') },
      },
      orderId: 'o-1',
    })
    expect(isErrorReported(error)).toBe(true)
  })

  it('does not mark an error reported when the level hides the line', () => {
    const error = new Error('quiet')
    createLogger({ level: 'silent', write: () => {} }).error('x', error)
    expect(isErrorReported(error)).toBe(false)
  })

  it('gives a thrown non-error the shape of one', () => {
    const out = capture()
    const log = createLogger({ write: out.write })
    log.error('string thrown', 'boom')
    log.error('object thrown', { code: 42 })
    log.error('no error')
    expect(out.lines.map((line) => line.error)).toEqual([{ message: 'boom' }, { code: 42 }, undefined])
  })

  it('takes an error given in place of the fields, as other loggers do', () => {
    const out = capture()
    createLogger({ write: out.write }).warn('retrying', new Error('throttled') as never)
    expect(out.lines[0]).toMatchObject({ level: 'WARN', error: { name: 'Error', message: 'throttled' } })
  })

  it('writes an error among the fields of a warning the same way', () => {
    const out = capture()
    createLogger({ write: out.write }).warn('retrying', { error: new RangeError('too soon'), attempt: 1 })
    expect(out.lines[0]).toMatchObject({ error: { name: 'RangeError', message: 'too soon' }, attempt: 1 })
  })
})

describe('the logger never throws', () => {
  it('when its destination throws', () => {
    let calls = 0
    const log = createLogger({
      write: () => {
        calls++
        throw new Error('disk full')
      },
    })
    expect(() => log.info('a')).not.toThrow()
    expect(calls).toBe(2)
  })

  it('when the message is not a string or the fields are not an object', () => {
    const out = capture()
    const log = createLogger({ write: out.write })
    log.info(42 as never, 'oops' as never)
    log.info({ toString: () => 'described' } as never, null as never)
    log.info(Symbol('s') as never, [1, 2] as never)
    expect(out.lines.map((line) => line.message)).toEqual(['42', 'described', 'Symbol(s)'])
    expect(out.lines[0]).toMatchObject({ fields: 'oops' })
    expect(out.lines[2]).toMatchObject({ fields: [1, 2] })
  })

  it('when child keys have a throwing getter', () => {
    const out = capture()
    const keys = {
      get broken(): string {
        throw new Error('nope')
      },
      fine: 1,
    }
    createLogger({ write: out.write }).child(keys).info('a')
    expect(out.lines[0]).toMatchObject({ broken: '[Thrown: Error: nope]', fine: 1 })
  })
})
