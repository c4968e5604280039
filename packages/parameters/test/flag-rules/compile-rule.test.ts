import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compileRule } from '../../src/flag-rules/compile-rule.js'

const rule = (text: string) => compileRule(text, 'flag')

describe('compileRule(): the operators AppConfig documents', () => {
  it('compares with eq, gt, gte, lt, lte, reading a string context value as the literal type', () => {
    expect(rule('(eq $state "Virginia")')({ state: 'Virginia' })).toBe(true)
    expect(rule('(eq $state "Virginia")')({ state: 'Ohio' })).toBe(false)
    expect(rule('(gt $age 65)')({ age: 66 })).toBe(true)
    expect(rule('(gt $age 65)')({ age: '66' })).toBe(true)
    expect(rule('(gt $age 65)')({ age: 65 })).toBe(false)
    expect(rule('(gte $age 65)')({ age: 65 })).toBe(true)
    expect(rule('(lt $age 1.5e1)')({ age: 14.5 })).toBe(true)
    expect(rule('(lte $age -7)')({ age: '-7' })).toBe(true)
    expect(rule('(eq $beta true)')({ beta: 'true' })).toBe(true)
    expect(rule('(eq $beta true)')({ beta: true })).toBe(true)
    expect(rule('(eq $count 3)')({ count: 'three' })).toBe(false)
  })

  it('is false, never an error, when a context value is missing or of no comparable type', () => {
    for (const text of [
      '(eq $a "x")',
      '(gt $a 1)',
      '(begins_with $a "x")',
      '(in $a ["x"])',
      '(split pct::100 by::$a)',
    ]) {
      expect(rule(text)({})).toBe(false)
      expect(rule(text)({ a: null })).toBe(false)
      expect(rule(text)({ a: Number.NaN })).toBe(false)
    }
  })

  it('compares timestamps for a time window, from a Date, milliseconds or an ISO string', () => {
    const window = rule('(and (gte $now 2026-12-01T00:00:00Z) (lt $now 2026-12-25))')
    expect(window({ now: new Date('2026-12-10T12:00:00Z') })).toBe(true)
    expect(window({ now: Date.UTC(2026, 11, 1) })).toBe(true)
    expect(window({ now: '2026-12-24T23:59:59.999Z' })).toBe(true)
    expect(window({ now: '2026-12-25T00:00:00Z' })).toBe(false)
    expect(window({ now: '2026-11-30T23:59:59-01:00' })).toBe(true)
    expect(rule('(gt $at 2024-01)')({ at: '2024-01-02' })).toBe(true)
  })

  it('combines with and, or, not', () => {
    const combined = rule('(or (and (eq $plan "pro") (not (eq $country "FR"))) (eq $staff true))')
    expect(combined({ plan: 'pro', country: 'JP' })).toBe(true)
    expect(combined({ plan: 'pro', country: 'FR' })).toBe(false)
    expect(combined({ plan: 'free', staff: true })).toBe(true)
    expect(rule('(and (eq $a 1) (eq $b 2) (eq $c 3))')({ a: 1, b: 2, c: 3 })).toBe(true)
  })

  it('tests strings with begins_with, ends_with, contains, in, matches, and keys with exists', () => {
    expect(rule('(begins_with $state "A")')({ state: 'Alabama' })).toBe(true)
    expect(rule('(ends_with $email "amazon.com")')({ email: 'me@amazon.com' })).toBe(true)
    expect(rule('(contains $promoCode "WIN")')({ promoCode: 'BIGWIN24' })).toBe(true)
    expect(rule('(in $userId ["123", "456"])')({ userId: '456' })).toBe(true)
    expect(rule('(in $userId ["123" "456"])')({ userId: '789' })).toBe(false)
    expect(rule('(in $tier [1, 2])')({ tier: '2' })).toBe(true)
    expect(rule('(matches in::$greeting pattern::"h.*y")')({ greeting: 'oh hey' })).toBe(true)
    expect(rule('(matches in::$greeting pattern::"^h.*y$")')({ greeting: 'oh hey' })).toBe(false)
    expect(rule('(exists key::"country")')({ country: 'JP' })).toBe(true)
    expect(rule('(exists key::"country")')({ city: 'Kyoto' })).toBe(false)
    expect(rule('(eq $quote "say \\"hi\\"")')({ quote: 'say "hi"' })).toBe(true)
  })

  it('reads only the context object own keys: $__proto__ and $toString find nothing', () => {
    expect(rule('(exists key::"__proto__")')({})).toBe(false)
    expect(rule('(exists key::"toString")')({})).toBe(false)
    expect(rule('(eq $constructor "Object")')({})).toBe(false)
    const hostile = JSON.parse('{"__proto__": "x"}') as Record<string, string>
    expect(rule('(eq $__proto__ "x")')(hostile)).toBe(true)
  })

  it('refuses a rule it cannot read, saying where', () => {
    const cases: [string, RegExp][] = [
      ['', /ends too early/],
      ['eq $a 1', /parentheses/],
      ['(eq $a 1', /not closed/],
      ['(eq $a "x)', /not closed/],
      ['(eq $a 1) (eq $b 2)', /unexpected text at 10/],
      ['(equals $a 1)', /'equals' at 0: unknown operator/],
      ['(eq $a)', /takes 2 operands, not 1/],
      ['(and (eq $a 1))', /two or more/],
      ['(and $a $b)', /takes expressions/],
      ['(in $a "x")', /a list/],
      ['(split pct::150 by::$id)', /0 to 100/],
      ['(split pct::10 by::"id")', /by:: a context value/],
      ['(split pct::10 by::$id colour::"red")', /no 'colour::'/],
      ['(matches in::$a pattern::"(")', /not a valid regular expression/],
      ['(eq $a tomorrow)', /'tomorrow' at 7 is not/],
      ['(exists key::$a)', /key:: string/],
    ]
    for (const [text, message] of cases) expect(() => rule(text), text).toThrow(message)
  })
})

describe('split', () => {
  it('gives a key the same answer every time, and each share within ±2 % over 10,000 keys', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), fc.string(), (pct, seed) => {
        const split = rule(`(split pct::${pct} by::$id seed::${JSON.stringify(seed)})`)
        let inside = 0
        for (let index = 0; index < 10_000; index++) {
          const context = { id: `user-${index}` }
          const first = split(context)
          if (split(context) !== first) return false
          if (first) inside++
        }
        return Math.abs(inside / 100 - pct) <= 2
      }),
      { numRuns: 25 },
    )
  })

  it('with a seed, agrees across flags; without one, each flag splits on its own', () => {
    const ids = Array.from({ length: 2000 }, (_, index) => ({ id: `customer-${index}` }))
    const seededA = compileRule('(split pct::50 by::$id seed::"launch")', 'a')
    const seededB = compileRule('(split pct::50 by::$id seed::"launch")', 'b')
    expect(ids.every((context) => seededA(context) === seededB(context))).toBe(true)
    const localA = compileRule('(split pct::50 by::$id)', 'a')
    const localB = compileRule('(split pct::50 by::$id)', 'b')
    expect(ids.some((context) => localA(context) !== localB(context))).toBe(true)
  })

  it('a larger share keeps every key a smaller one had (a rollout only adds keys)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 100 }),
        fc.string(),
        (a, b, id) => {
          const [low, high] = a <= b ? [a, b] : [b, a]
          const context = { id }
          return (
            !rule(`(split pct::${low} by::$id)`)(context) || rule(`(split pct::${high} by::$id)`)(context)
          )
        },
      ),
    )
  })
})
