import { http, lambda, logWriter, writeLogLine } from '@tsumiki/core'
import { describe, expect, it } from 'vitest'
import { captureLogs, events, invoke } from '../../src/index.js'

/** What tsumiki's writers do: write to the writer in force. */
function writeAsTsumikiDoes(line: string): void {
  logWriter()(line)
}

describe('captureLogs()', () => {
  it("gets core's own lines: an unhandled error answered 500 without a logger", async () => {
    const handler = lambda(http()).handle(() => {
      throw new Error('database unavailable')
    })
    const logs = captureLogs()
    try {
      await invoke(handler, events.http('apiGatewayV2'), { awsRequestId: 'req-5' })
      writeLogLine('WARN', 'by hand')
    } finally {
      logs.stop()
    }
    expect(logs.lines).toEqual([
      expect.objectContaining({
        level: 'ERROR',
        function_request_id: 'req-5',
        error: expect.objectContaining({ message: 'database unavailable' }),
      }),
      expect.objectContaining({ level: 'WARN', message: 'by hand' }),
    ])
  })

  it('gets every line written while it runs, parsed, in order, and none after stop()', () => {
    const logs = captureLogs()
    writeAsTsumikiDoes('{"level":"INFO","message":"first"}\n')
    writeAsTsumikiDoes('{"level":"WARN","message":"second","n":2}\n')
    logs.stop()
    expect(logs.lines).toEqual([
      { level: 'INFO', message: 'first' },
      { level: 'WARN', message: 'second', n: 2 },
    ])
    expect(logs.raw).toBe('{"level":"INFO","message":"first"}\n{"level":"WARN","message":"second","n":2}\n')
  })

  it('makes `expect(logs.raw).not.toContain(secret)` a real check: raw is the text, so a secret in any line fails it', () => {
    const secret = 'sk-live-4242-captured'
    const logs = captureLogs()
    writeAsTsumikiDoes('{"message":"nothing to see"}\n')
    writeAsTsumikiDoes(`{"message":"key is ${secret} here"}\n`)
    logs.stop()
    expect(typeof logs.raw).toBe('string')
    expect(() => expect(logs.raw).not.toContain(secret)).toThrow()
    expect(logs.raw).toContain(secret)
    expect(logs.raw).not.toContain('sk-live-4242-not-logged')
  })

  it('nests: the inner capture gets the lines, and stop() gives them back to the outer one', () => {
    const outer = captureLogs()
    writeAsTsumikiDoes('{"message":"outer 1"}\n')
    const inner = captureLogs()
    writeAsTsumikiDoes('{"message":"inner"}\n')
    inner.stop()
    inner.stop()
    writeAsTsumikiDoes('{"message":"outer 2"}\n')
    outer.stop()
    expect(inner.lines.map((line) => line.message)).toEqual(['inner'])
    expect(outer.lines.map((line) => line.message)).toEqual(['outer 1', 'outer 2'])
  })

  it('clear() forgets what was caught and keeps capturing', () => {
    const logs = captureLogs()
    writeAsTsumikiDoes('{"message":"old"}\n')
    logs.clear()
    writeAsTsumikiDoes('{"message":"new"}\n')
    logs.stop()
    expect(logs.lines).toEqual([{ message: 'new' }])
  })

  it.each([
    ['not JSON', 'order placed\n'],
    ['two lines in one', '{"a":1}\n{"b":2}\n'],
    ['no newline', '{"a":1}'],
    ['an array', '[1]\n'],
  ])('names a line that is %s', (_name, line) => {
    const logs = captureLogs()
    writeAsTsumikiDoes(line)
    logs.stop()
    expect(() => logs.lines).toThrow(/Log line 0 is not one JSON object ending in a newline/)
  })
})
