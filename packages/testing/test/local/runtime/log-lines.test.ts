import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { LineCollector, LineSplitter, parseLogLine } from '../../../src/local/runtime/log-lines.js'

describe('LineSplitter', () => {
  it('yields the same lines however the output is cut into chunks, multi-byte characters included', () => {
    fc.assert(
      fc.property(
        // Characters of one to four UTF-8 bytes, a byte order mark, and the runtime's separators.
        fc.array(fc.string({ unit: fc.constantFrom('a', '{', '\t', '\r', 'é', '日', '😀', '\ufeff') }), {
          maxLength: 8,
        }),
        fc.array(fc.nat(), { maxLength: 6 }),
        (lines, cuts) => {
          const bytes = new TextEncoder().encode(lines.map((line) => `${line}\n`).join(''))
          const seen: string[] = []
          const splitter = new LineSplitter((line) => seen.push(line))
          const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b)
          let from = 0
          for (const point of [...points, bytes.length]) {
            splitter.write(bytes.subarray(from, point))
            from = point
          }
          splitter.flush()
          expect(seen).toEqual(lines)
        },
      ),
    )
  })

  it('hands over a last line without a newline on flush', () => {
    const seen: string[] = []
    const splitter = new LineSplitter((line) => seen.push(line))
    splitter.write('one\ntw')
    expect(seen).toEqual(['one'])
    splitter.flush()
    expect(seen).toEqual(['one', 'tw'])
  })
})

describe('parseLogLine', () => {
  it('reads a JSON line, a console line with the runtime prefix, and an Invoke Error line', () => {
    expect(parseLogLine('{"level":"INFO","message":"hi"}')).toEqual({ level: 'INFO', message: 'hi' })
    expect(parseLogLine('2026-12-02T16:46:05.401Z\treq-1\tINFO\t{"n":1}')).toEqual({ n: 1 })
    expect(
      parseLogLine('2026-12-02T16:46:05.416Z\treq-2\tERROR\tInvoke Error \t{"errorType":"TypeError"}'),
    ).toEqual({
      errorType: 'TypeError',
    })
  })

  it('leaves text, arrays and broken JSON out of the parsed lines', () => {
    const collector = new LineCollector()
    for (const line of ['plain text', '[1,2]', '{"broken":', '2026-12-02T16:46:05.401Z\t-\tINFO\tinit']) {
      collector.add(line)
    }
    expect(collector.logs()).toEqual({
      raw: 'plain text\n[1,2]\n{"broken":\n2026-12-02T16:46:05.401Z\t-\tINFO\tinit\n',
      lines: ['plain text', '[1,2]', '{"broken":', '2026-12-02T16:46:05.401Z\t-\tINFO\tinit'],
      json: [],
    })
  })

  it('parses exactly the lines that are JSON objects', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (object) => {
        expect(parseLogLine(JSON.stringify(object))).toEqual(JSON.parse(JSON.stringify(object)))
      }),
    )
  })
})
