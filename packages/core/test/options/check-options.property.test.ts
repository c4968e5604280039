import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  aFunction,
  anObject,
  anyOf,
  aString,
  checkOptions,
  InvalidOptionError,
  isInvalidOptionError,
  listOf,
  milliseconds,
  type OptionRules,
  oneOf,
  recordOf,
  required,
  trueOrFalse,
  wholeNumber,
} from '../../src/index.js'

interface Options {
  readonly name: string
  readonly retries?: number | undefined
  readonly mode?: 'fast' | 'safe' | undefined
  readonly enabled?: boolean | undefined
  readonly timeoutMs?: number | undefined
  readonly cache?: boolean | { readonly maxEntries?: number | undefined } | undefined
  readonly headers?: readonly string[] | undefined
  readonly env?: Readonly<Record<string, string>> | undefined
  readonly clock?: (() => number) | undefined
}

const rules: OptionRules<Options> = {
  name: required(aString),
  retries: wholeNumber(0, 10),
  mode: oneOf('fast', 'safe'),
  enabled: trueOrFalse,
  timeoutMs: milliseconds,
  cache: anyOf(trueOrFalse, anObject({ maxEntries: wholeNumber(1) })),
  headers: listOf(aString),
  env: recordOf(aString),
  clock: aFunction,
}

const names = Object.keys(rules)
// Keys a hostile or careless caller sends: prototype names, a misspelling, and every known option.
const key = fc.oneof(
  fc.constantFrom(...names, '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'retry'),
  fc.string(),
)
const value = fc.oneof(
  fc.anything({ maxDepth: 3, withBigInt: true, withDate: true, withMap: true, withNullPrototype: true }),
  fc.constantFrom(undefined, Number.NaN, Number.POSITIVE_INFINITY, -0, '', [], {}, () => 1),
)
/** An options object built with own properties only, whatever the key (`__proto__` included). */
const options = fc.array(fc.tuple(key, value), { maxLength: 8 }).map((entries) => {
  const made: Record<string, unknown> = {}
  for (const [name, given] of entries) {
    Object.defineProperty(made, name, { value: given, enumerable: true, writable: true, configurable: true })
  }
  return made
})

function outcomeOf(given: unknown): unknown {
  try {
    checkOptions<Options>('f()', given as Options, rules)
    return 'accepted'
  } catch (error) {
    return error
  }
}

describe('checkOptions() with any value', () => {
  it('accepts the options or throws one InvalidOptionError naming an option it was given, or options itself', () => {
    fc.assert(
      fc.property(fc.oneof(options, value), (given) => {
        const outcome = outcomeOf(given)
        if (outcome === 'accepted') return
        expect(isInvalidOptionError(outcome)).toBe(true)
        expect(outcome).toBeInstanceOf(InvalidOptionError)
        const { option, message } = outcome as InvalidOptionError
        const givenKeys = typeof given === 'object' && given !== null ? Object.keys(given) : []
        // The option named is one the caller gave (or inside one), the required one left out, or the argument itself.
        const named = [...givenKeys, 'name', 'options'].some(
          (name) => option === name || option.startsWith(`${name}.`) || option.startsWith(`${name}[`),
        )
        expect(named, option).toBe(true)
        expect(message.startsWith(`f(): option '${option}' must be `)).toBe(true)
      }),
      { numRuns: 500 },
    )
  })

  it('takes every optional option given as undefined for one left out', () => {
    fc.assert(
      fc.property(fc.subarray(names.filter((name) => name !== 'name')), (leftOut) => {
        const given: Record<string, unknown> = { name: 'orders' }
        for (const name of leftOut) given[name] = undefined
        expect(outcomeOf(given)).toBe('accepted')
      }),
    )
  })

  it('accepts every value its rules describe', () => {
    const valid = fc.record(
      {
        name: fc.string(),
        retries: fc.integer({ min: 0, max: 10 }),
        mode: fc.constantFrom('fast', 'safe'),
        enabled: fc.boolean(),
        timeoutMs: fc.double({ min: 0, max: 1e9, noNaN: true }),
        cache: fc.oneof(
          fc.boolean(),
          fc.record({ maxEntries: fc.integer({ min: 1 }) }, { requiredKeys: [] }),
        ),
        headers: fc.array(fc.string()),
        env: fc.dictionary(fc.string(), fc.string()),
      },
      { requiredKeys: ['name'] },
    )
    fc.assert(
      fc.property(valid, (given) => {
        expect(outcomeOf(given)).toBe('accepted')
      }),
    )
  })
})
