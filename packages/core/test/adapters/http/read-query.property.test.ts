import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { queryFromRaw } from '../../../src/adapters/http/read-query.js'

/** What URLSearchParams makes of a query string: the reference queryFromRaw's fast path must agree with. */
function reference(rawQueryString: string): Array<[string, string[]]> {
  const values = new Map<string, string[]>()
  for (const [name, value] of new URLSearchParams(rawQueryString))
    values.set(name, [...(values.get(name) ?? []), value])
  return [...values]
}

const queryPiece = fc.oneof(
  fc.constantFrom(
    'a',
    'b',
    'x y',
    '+',
    '%20',
    '%2B',
    '%zz',
    '%',
    '%E2%82%AC',
    '%ED%A0%80',
    '%C3',
    '=',
    '==',
    '?',
  ),
  fc.string({ unit: 'grapheme-ascii', maxLength: 4 }),
  fc.string({ maxLength: 3 }),
)
const queryString = fc.array(queryPiece, { maxLength: 10 }).map((pieces) => pieces.join(''))

describe('queryFromRaw', () => {
  it('reads a query string exactly as URLSearchParams does', () => {
    fc.assert(
      fc.property(fc.oneof(queryString, fc.string()), (raw) => {
        const { multiQuery } = queryFromRaw(raw)
        expect(Object.entries(multiQuery)).toEqual(Object.entries(Object.fromEntries(reference(raw))))
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 2_000) },
    )
  })
})
