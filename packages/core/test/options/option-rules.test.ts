import { describe, expect, it } from 'vitest'
import {
  aFunction,
  anObject,
  anyOf,
  aString,
  importOptionalPeer,
  isMissingDependencyError,
  lambda,
  listOf,
  MissingDependencyError,
  matching,
  milliseconds,
  nonEmptyString,
  numberFrom,
  type OptionRule,
  oneOf,
  optionRule,
  positiveMilliseconds,
  raw,
  recordOf,
  reply,
  required,
  router,
  standardSchema,
  trueOrFalse,
  wholeNumber,
  withMethod,
  wrap,
} from '../../src/index.js'

const schema = { '~standard': { version: 1, vendor: 'test', validate: (value: unknown) => ({ value }) } }

// Each rule: the words it completes "option 'x' must be …" with, values it takes, values it refuses.
const rules: [string, OptionRule, string, unknown[], unknown[]][] = [
  ['aString', aString, 'a string', ['', 'x'], [1, undefined, null, {}]],
  ['nonEmptyString', nonEmptyString, 'a non-empty string', ['x'], ['', 1, null]],
  ['trueOrFalse', trueOrFalse, 'true or false', [true, false], [0, 'true', null]],
  ['aFunction', aFunction, 'a function', [() => 1, class {}], [{}, 'f', null]],
  [
    'milliseconds',
    milliseconds,
    'a number of milliseconds, 0 or more',
    [0, 1.5, 1e9],
    [-1, Number.NaN, Number.POSITIVE_INFINITY, '5'],
  ],
  [
    'positiveMilliseconds',
    positiveMilliseconds,
    'a positive number of milliseconds',
    [0.5, 1],
    [0, -1, Number.NaN, Number.POSITIVE_INFINITY, '5'],
  ],
  [
    'wholeNumber(1)',
    wholeNumber(1),
    'a whole number, 1 or more',
    [1, 2 ** 40],
    [0, 1.5, Number.POSITIVE_INFINITY, '2'],
  ],
  [
    'wholeNumber(128, 10240)',
    wholeNumber(128, 10_240),
    'a whole number from 128 to 10240',
    [128, 10_240],
    [127, 10_241, 200.5],
  ],
  ['numberFrom(0, 1)', numberFrom(0, 1), 'a number from 0 to 1', [0, 0.5, 1], [-0.1, 1.1, Number.NaN, '0.5']],
  [
    'oneOf',
    oneOf('json', 'text', false),
    "one of 'json', 'text', false",
    ['json', 'text', false],
    ['JSON', true, 0],
  ],
  ['oneOf one value', oneOf('*'), "'*'", ['*'], ['**']],
  [
    'anyOf',
    anyOf(trueOrFalse, wholeNumber(1)),
    'true or false or a whole number, 1 or more',
    [true, 3],
    ['3', 0],
  ],
  ['anObject()', anObject(), 'an object', [{}, Object.create(null)], [[], null, 'x', () => 1]],
  [
    'anObject(fields)',
    anObject({ port: wholeNumber(1), host: aString }),
    'an object ({ port, host })',
    [{}],
    [[]],
  ],
  ['listOf', listOf(aString), 'a list, each a string', [[], ['a']], [{}, 'a']],
  ['recordOf', recordOf(aString), 'an object, each value a string', [{}, { a: 'b' }], [[], 'a', null]],
  [
    'withMethod',
    withMethod('send'),
    'an object with a send() method',
    [{ send() {} }],
    [{ send: 1 }, {}, null, () => 1],
  ],
  ['matching', matching(/^https:\/\//), 'a string matching /^https:\\/\\//', ['https://a'], ['http://a', 1]],
  [
    'standardSchema',
    standardSchema,
    'a zod schema (3.24 or later) or another Standard Schema v1 schema (valibot, arktype...)',
    [schema],
    [{}, { '~standard': { version: 2, validate: () => 1 } }, { '~standard': { version: 1 } }, null, 'z'],
  ],
  ['optionRule', optionRule('a RegExp', (value) => value instanceof RegExp), 'a RegExp', [/x/], ['x']],
]

describe('option rules', () => {
  it.each(rules)(
    '%s says what it expects, takes what fits and refuses the rest',
    (_name, rule, expected, takes, refuses) => {
      expect(rule.expected).toBe(expected)
      for (const value of takes) expect(rule.test(value), typeof value).toBe(true)
      for (const value of refuses) expect(rule.test(value), typeof value).toBe(false)
    },
  )

  it('required() keeps the rule and refuses undefined', () => {
    const rule = required(wholeNumber(1))
    expect(rule).toMatchObject({ expected: 'a whole number, 1 or more', required: true })
    expect(rule.test(2)).toBe(true)
    expect(wholeNumber(1).required).toBeUndefined()
  })
})

describe('importOptionalPeer()', () => {
  it('resolves to what the import resolves to', async () => {
    const module = { SQSClient: class {} }
    await expect(importOptionalPeer('@aws-sdk/client-sqs', 'Parking', async () => module)).resolves.toBe(
      module,
    )
  })

  it('turns a failed import into a MissingDependencyError naming the package and what needed it', async () => {
    const cause = new Error("Cannot find package '@aws-sdk/client-sqs'")
    const failure = await importOptionalPeer('@aws-sdk/client-sqs', 'Parking records', () =>
      Promise.reject(cause),
    ).catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(MissingDependencyError)
    expect(isMissingDependencyError(failure)).toBe(true)
    expect(failure).toMatchObject({ code: 'MISSING_DEPENDENCY', packageName: '@aws-sdk/client-sqs', cause })
    expect((failure as Error).message).toBe(
      'Parking records needs @aws-sdk/client-sqs, which could not be loaded: install it (npm install @aws-sdk/client-sqs)',
    )
  })
})

describe('what each misuse names', () => {
  it.each([
    ["lambda(): option 'deadlineMarginMs'", () => lambda(raw(), { deadlineMarginMs: -1 })],
    ["wrap(): option 'deadlineMarginMs'", () => wrap(() => 1, { deadlineMarginMs: -1 })],
    [
      "route.handle(): option 'handler' must be a function",
      () => router().get('/x', (route) => route.handle(1 as never)),
    ],
    [
      "router.on(): option 'methods' must be at least one method",
      () => router().on([], '/x', (route) => route.handle(() => 1)),
    ],
    ["router.onError(): option 'answer' must be a function", () => router().onError(Error, 'x' as never)],
    ["reply(): option 'status' must be a whole number from 100 to 599, got 99", () => reply({ status: 99 })],
    [
      "reply(): option 'status' must be a whole number from 100 to 599, got 600",
      () => reply({ status: 600 }),
    ],
  ])('%s', (message, misuse) => {
    expect(misuse).toThrow(message)
  })

  it('takes the bounds a rule names', () => {
    expect(reply({ status: 100 }).status).toBe(100)
    expect(reply({ status: 599 }).status).toBe(599)
  })
})
