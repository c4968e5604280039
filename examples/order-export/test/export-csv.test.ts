import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { columns, csvField, exportCsv, isDay } from '../src/export-csv.js'

/** RFC 4180 read back: what a spreadsheet or a CSV library sees of one line. */
function parseLine(line: string): string[] {
  const fields: string[] = []
  let field = ''
  let quoted = false
  for (let index = 0; index < line.length; index++) {
    const char = line[index]
    if (quoted) {
      if (char === '"' && line[index + 1] === '"') {
        field += '"'
        index++
      } else if (char === '"') quoted = false
      else field += char
    } else if (char === '"') quoted = true
    else if (char === ',') {
      fields.push(field)
      field = ''
    } else field += char
  }
  fields.push(field)
  return fields
}

async function chunksOf(pages: Record<string, unknown>[][]): Promise<string[]> {
  const chunks: string[] = []
  for await (const chunk of exportCsv(
    (async function* () {
      yield* pages
    })(),
  ))
    chunks.push(chunk)
  return chunks
}

describe('exportCsv()', () => {
  it('yields the header, then one chunk per page of orders, skipping empty pages', async () => {
    const chunks = await chunksOf([
      [{ orderId: 'o-1', placedOn: '2026-12-01', status: 'placed', totalCents: 1250 }],
      [],
      [
        { orderId: 'o-2', placedOn: '2026-12-01', status: 'cancelled', totalCents: 0 },
        { orderId: 'o-3', placedOn: '2026-12-01' },
      ],
    ])
    expect(chunks).toEqual([
      'orderId,placedOn,status,totalCents\r\n',
      'o-1,2026-12-01,placed,1250\r\n',
      'o-2,2026-12-01,cancelled,0\r\no-3,2026-12-01,,\r\n',
    ])
  })

  it('writes any text so that a CSV reader reads it back, and never as a formula', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string(), fc.constantFrom('=SUM(A1)', '+1', '-1', '@x', '"', ',', '\r\n')), {
          minLength: columns.length,
          maxLength: columns.length,
        }),
        (values) => {
          const line = values.map(csvField).join(',')
          const read = parseLine(line)
          expect(read).toHaveLength(values.length)
          read.forEach((field, index) => {
            const value = values[index] ?? ''
            expect(field).toBe(/^[=+\-@\t\r]/.test(value) ? `'${value}` : value)
            expect(field).not.toMatch(/^[=+\-@\t\r]/)
          })
        },
      ),
    )
  })

  it('takes only calendar days that exist', () => {
    expect(['2026-12-01', '2024-02-29'].map(isDay)).toEqual([true, true])
    expect(['2026-02-30', '2026-13-01', '26-12-01', '2026-12-01T00:00', '../x'].map(isDay)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ])
  })
})
