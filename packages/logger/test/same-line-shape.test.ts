import { http, lambda, logForRequest, sns } from '@tsumiki/core'
import { captureLogs, createContext, events, invoke, type LogLine } from '@tsumiki/testing'
import { afterEach, describe, expect, it } from 'vitest'
import { createLogger, logger } from '../src/index.js'

/*
 * One serialiser and one writer: a failure logged by core (no logger middleware in the chain) and by the logger
 * middleware is the same line, but for the keys the logger adds of its own (its service, the function version, the
 * cold start, the trace and correlation ids): the same level, the same record id, and the error with the same fields
 * (name, message, code, stack, its own fields, the cause chain, an AggregateError's errors).
 */

const loggerOnlyKeys = ['service', 'function_version', 'cold_start', 'xray_trace_id', 'correlation_id']

let logs = captureLogs()
afterEach(() => {
  logs.stop()
  logs = captureLogs()
})

/** One failure with everything a log line can show of an error. */
function failure(): Error {
  const cause = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET', syscall: 'read' })
  const error = new AggregateError(
    [new RangeError('qty must be positive'), 'a thrown string'],
    'save failed',
    { cause },
  )
  return Object.assign(error, {
    code: 'E_SAVE',
    retryable: true,
    attempt: 3n,
    $metadata: { httpStatusCode: 503 },
  })
}

/** The first error line of each run (both runs write as many), written with the same error object. */
async function linesWithAndWithout(run: (withLogger: boolean, error: Error) => Promise<unknown>) {
  const error = failure()
  await run(false, error)
  const plain = logs.lines.filter((line) => line.level === 'ERROR')
  logs.clear()
  await run(true, error)
  const logged = logs.lines.filter((line) => line.level === 'ERROR')
  expect(plain.length).toBeGreaterThan(0)
  expect(logged).toHaveLength(plain.length)
  return { plain: plain[0] as LogLine, logged: logged[0] as LogLine }
}

function expectSameShape(plain: LogLine, logged: LogLine): void {
  expect(plain.error).toEqual(logged.error)
  const extra = Object.keys(logged).filter((key) => !Object.hasOwn(plain, key))
  expect(extra.filter((key) => !loggerOnlyKeys.includes(key))).toEqual([])
  const missing = Object.keys(plain).filter((key) => !Object.hasOwn(logged, key))
  expect(missing).toEqual([])
}

describe('a failure logged with and without logger()', () => {
  it('is the same line for an HTTP handler’s unhandled error', async () => {
    const { plain, logged } = await linesWithAndWithout(async (withLogger, error) => {
      const base = lambda(http())
      const chain = withLogger ? base.use(logger({ service: 'orders' })) : base
      const handler = chain.handle(() => {
        throw error
      })
      await invoke(handler, events.http('apiGatewayV2'), { awsRequestId: 'req-1' })
    })
    expectSameShape(plain, logged)
    expect(plain.error).toMatchObject({
      name: 'AggregateError',
      message: 'save failed',
      code: 'E_SAVE',
      retryable: true,
      attempt: '3',
      $metadata: { httpStatusCode: 503 },
      cause: { message: 'socket hang up', code: 'ECONNRESET', syscall: 'read' },
      errors: [{ name: 'RangeError', message: 'qty must be positive' }, 'a thrown string'],
    })
    expect(plain.function_request_id).toBe('req-1')
  })

  it('is the same line for a record that failed, record id included', async () => {
    const event = events.sns([{ Sns: { Subject: 'bad' } }, { Sns: { Subject: 'bad' } }])
    const { plain, logged } = await linesWithAndWithout(async (withLogger, error) => {
      const base = lambda(sns())
      const chain = withLogger ? base.use(logger()) : base
      const handler = chain.handle(({ subject }) => {
        if (subject === 'bad') throw error
      })
      await invoke(handler, event).catch(() => undefined)
    })
    expectSameShape(plain, logged)
    expect(plain.record_id).toBe(logged.record_id)
    expect(plain).toMatchObject({ level: 'ERROR', message: 'Record failed' })
  })
})

describe('logForRequest()', () => {
  it('writes through the request’s logger when it has one, else core’s line, of the same shape', () => {
    const error = failure()
    const context = createContext({ functionName: 'orders', awsRequestId: 'req-2' })
    const log = createLogger().forInvocation(context, { recordId: 'm-1' })
    const fields = { idempotency_record: 'orders#abc', error }

    logForRequest({ context, recordId: 'm-1' }, 'ERROR', 'Could not release', fields)
    logForRequest({ log, context, recordId: 'm-1' }, 'ERROR', 'Could not release', fields)
    const [plain, logged] = logs.lines as [LogLine, LogLine]

    expectSameShape(plain, logged)
    expect(plain).toMatchObject({
      record_id: 'm-1',
      idempotency_record: 'orders#abc',
      function_request_id: 'req-2',
    })
    expect(logged).toMatchObject({
      record_id: 'm-1',
      idempotency_record: 'orders#abc',
      function_request_id: 'req-2',
    })
  })

  it('writes core’s line when the logger throws, and never throws itself', () => {
    const log = {
      warn() {
        throw new Error('logger broke')
      },
    }
    expect(() =>
      logForRequest({ log }, 'WARN', 'Refresh failed', { parameters: ['/orders/table'] }),
    ).not.toThrow()
    expect(logs.lines).toEqual([expect.objectContaining({ level: 'WARN', message: 'Refresh failed' })])
  })

  it('uses the caller’s own logger when the request has none', () => {
    const warnings: string[] = []
    logForRequest({}, 'WARN', 'Refresh failed', {}, { warn: (message: string) => warnings.push(message) })
    expect(warnings).toEqual(['Refresh failed'])
    expect(logs.lines).toEqual([])
  })
})
