import { afterEach, describe, expect, it } from 'vitest'
import { logWriter, registerSensitiveValue, setLogWriter, writeLogLine } from '../../src/index.js'
import { context } from '../support/index.js'

const restorers: (() => void)[] = []
afterEach(() => {
  for (const restore of restorers.splice(0).reverse()) restore()
})

function capture(): string[] {
  const lines: string[] = []
  restorers.push(setLogWriter((line) => lines.push(line)))
  return lines
}

function parsed(lines: readonly string[]): Record<string, unknown>[] {
  return lines.map((line) => JSON.parse(line) as Record<string, unknown>)
}

describe('writeLogLine()', () => {
  it("writes one JSON line per call in @tsumiki/logger's keys, the function's name and request id included", () => {
    const lines = capture()
    writeLogLine('WARN', 'records not run', { record_id: 'm-1' }, context(1_000, { awsRequestId: 'req-7' }))
    expect(lines).toHaveLength(1)
    expect(lines[0]?.endsWith('\n')).toBe(true)
    expect(lines[0]?.slice(0, -1)).not.toContain('\n')
    const [line] = parsed(lines)
    expect(line).toEqual({
      timestamp: expect.any(String),
      level: 'WARN',
      message: 'records not run',
      function_name: 'orders-api',
      function_request_id: 'req-7',
      record_id: 'm-1',
    })
    expect(new Date(line?.timestamp as string).toISOString()).toBe(line?.timestamp)
    expect(Object.keys(line ?? {}).slice(0, 3)).toEqual(['timestamp', 'level', 'message'])
  })

  it('writes only the level and message when there is no context and no field', () => {
    const lines = capture()
    writeLogLine('INFO', 'hello')
    expect(Object.keys(parsed(lines)[0] ?? {}).sort()).toEqual(['level', 'message', 'timestamp'])
  })

  it('never lets a field replace the level, the message, the timestamp or the request id', () => {
    const lines = capture()
    writeLogLine(
      'ERROR',
      'failed',
      { level: 'DEBUG', message: 'other', timestamp: 'then', function_request_id: 'forged', extra: 1 },
      context(1_000, { awsRequestId: 'req-1' }),
    )
    expect(parsed(lines)[0]).toMatchObject({
      level: 'ERROR',
      message: 'failed',
      function_request_id: 'req-1',
      extra: 1,
    })
    expect(parsed(lines)[0]?.timestamp).not.toBe('then')
  })

  it('takes the request id from the fields when there is no context to give it', () => {
    const lines = capture()
    writeLogLine('ERROR', 'record failed', { function_name: 'batch', function_request_id: 'req-from-fields' })
    expect(parsed(lines)[0]).toMatchObject({ function_name: 'batch', function_request_id: 'req-from-fields' })
  })

  it('skips context fields that are not strings, or whose getter throws', () => {
    const lines = capture()
    const odd = {
      ...context(),
      functionName: 42,
      get awsRequestId(): string {
        throw new Error('no id')
      },
    }
    writeLogLine('INFO', 'odd context', {}, odd as never)
    const [line] = parsed(lines)
    expect(line).not.toHaveProperty('function_name')
    expect(line).not.toHaveProperty('function_request_id')
    expect(line?.message).toBe('odd context')
  })

  it('writes an error with its name, message, code, stack and cause', () => {
    const lines = capture()
    const cause = new Error('socket hang up')
    const error = Object.assign(new Error('save failed', { cause }), { code: 'E_SAVE' })
    writeLogLine('ERROR', 'failed', { error })
    const written = parsed(lines)[0]?.error as Record<string, unknown>
    expect(written).toMatchObject({ name: 'Error', message: 'save failed', code: 'E_SAVE' })
    expect(written.stack).toContain('save failed')
    expect(written.cause).toMatchObject({ name: 'Error', message: 'socket hang up' })
  })

  it('leaves out of an error the code that is not a string, and a missing stack or cause', () => {
    const lines = capture()
    const error = Object.assign(new TypeError('bad'), { code: 7 })
    error.stack = undefined
    writeLogLine('ERROR', 'failed', { error })
    expect(parsed(lines)[0]?.error).toEqual({ name: 'TypeError', message: 'bad' })
  })

  it('writes bigints as strings and cycles as [Circular]', () => {
    const lines = capture()
    const order: Record<string, unknown> = { id: 'o-1', total: 10n }
    order.self = order
    writeLogLine('INFO', 'order', { order, count: 3, flag: false, nothing: null })
    expect(parsed(lines)[0]).toMatchObject({
      order: { id: 'o-1', total: '10', self: '[Circular]' },
      count: 3,
      flag: false,
      nothing: null,
    })
  })

  it('writes a field that cannot be serialised as a marker saying why, and every other field as it is', () => {
    const lines = capture()
    const hostile = {
      toJSON() {
        throw new Error('cannot serialise')
      },
    }
    writeLogLine('ERROR', 'with a bad field', { hostile, orderId: 'o-1' })
    const [line] = parsed(lines)
    expect(line).toEqual({
      timestamp: expect.any(String),
      level: 'ERROR',
      message: 'with a bad field',
      hostile: '[Unserializable: Error: cannot serialise]',
      orderId: 'o-1',
    })
  })

  it('redacts registered sensitive values, in the message and in the fields', () => {
    const lines = capture()
    registerSensitiveValue('s3cr3t-token-value')
    writeLogLine('ERROR', 'token s3cr3t-token-value leaked', {
      error: new Error('bad token s3cr3t-token-value'),
    })
    expect(lines[0]).not.toContain('s3cr3t-token-value')
    expect(lines[0]).toContain('[REDACTED]')
  })

  it('never throws, even when the writer does', () => {
    restorers.push(
      setLogWriter(() => {
        throw new Error('disk full')
      }),
    )
    expect(() => writeLogLine('INFO', 'lost')).not.toThrow()
  })
})

describe('setLogWriter()', () => {
  it('sends lines to the writer until restored, then to the previous one', () => {
    const outer: string[] = []
    const inner: string[] = []
    const restoreOuter = setLogWriter((line) => outer.push(line))
    const restoreInner = setLogWriter((line) => inner.push(line))
    writeLogLine('INFO', 'to inner')
    restoreInner()
    writeLogLine('INFO', 'to outer')
    expect(logWriter()).not.toBe(undefined)
    restoreOuter()
    expect(inner).toHaveLength(1)
    expect(outer).toHaveLength(1)
    expect(JSON.parse(outer[0] ?? '{}').message).toBe('to outer')
  })
})
