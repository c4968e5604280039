import { currentLogSink } from '@tsumiki/core'
import { describe, expect, it } from 'vitest'
import { captureLogs } from '../src/index.js'

/** What the logger's default destination does: the current sink when one is set. */
function writeAsTsumikiDoes(line: string): void {
  const sink = currentLogSink()
  if (sink === undefined) throw new Error('no sink set: the line would go to stdout')
  sink(line)
}

describe('captureLogs()', () => {
  it('gets every line written while it runs, parsed, in order, and none after stop()', () => {
    const logs = captureLogs()
    writeAsTsumikiDoes('{"level":"INFO","message":"first"}\n')
    writeAsTsumikiDoes('{"level":"WARN","message":"second","n":2}\n')
    logs.stop()
    expect(logs.lines).toEqual([
      { level: 'INFO', message: 'first' },
      { level: 'WARN', message: 'second', n: 2 },
    ])
    expect(logs.raw).toHaveLength(2)
    expect(currentLogSink()).toBeUndefined()
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
    expect(currentLogSink()).toBeUndefined()
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
