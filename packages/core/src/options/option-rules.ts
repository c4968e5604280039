import type { OptionRule, OptionRules } from './option-rule.js'

/*
 * The rules tsumiki's factories describe their options with. Each states what it expects in the words the error
 * will use, so no factory writes its own message. A bundle keeps only the rules its factories use.
 */

/** A rule of one's own: what the option must be, in words that complete "option 'x' must be …", and the test. */
export function optionRule(expected: string, test: (value: unknown) => boolean): OptionRule {
  return { expected, test }
}

/** The same rule, refusing `undefined`. */
export function required(rule: OptionRule): OptionRule {
  return { ...rule, required: true }
}

export const aString: OptionRule = { expected: 'a string', test: (value) => typeof value === 'string' }

export const nonEmptyString: OptionRule = {
  expected: 'a non-empty string',
  test: (value) => typeof value === 'string' && value !== '',
}

export const trueOrFalse: OptionRule = {
  expected: 'true or false',
  test: (value) => typeof value === 'boolean',
}

export const aFunction: OptionRule = { expected: 'a function', test: (value) => typeof value === 'function' }

/** A number of milliseconds: finite, 0 or more. */
export const milliseconds: OptionRule = {
  expected: 'a number of milliseconds, 0 or more',
  test: (value) => typeof value === 'number' && Number.isFinite(value) && value >= 0,
}

/** A number of milliseconds: finite, more than 0. */
export const positiveMilliseconds: OptionRule = {
  expected: 'a positive number of milliseconds',
  test: (value) => typeof value === 'number' && Number.isFinite(value) && value > 0,
}

/** A whole number from `min` to `max` (no upper bound by default). */
export function wholeNumber(min: number, max = Number.POSITIVE_INFINITY): OptionRule {
  return {
    expected: `a whole number${range(min, max)}`,
    test: (value) => Number.isSafeInteger(value) && (value as number) >= min && (value as number) <= max,
  }
}

/** A finite number from `min` to `max`. */
export function numberFrom(min: number, max: number): OptionRule {
  return {
    expected: `a number${range(min, max)}`,
    test: (value) => typeof value === 'number' && value >= min && value <= max,
  }
}

function range(min: number, max: number): string {
  return max === Number.POSITIVE_INFINITY ? `, ${min} or more` : ` from ${min} to ${max}`
}

/** One of these values, compared with `===`. */
export function oneOf(...values: readonly (string | number | boolean)[]): OptionRule {
  const listed = values.map((value) => (typeof value === 'string' ? `'${value}'` : String(value)))
  return {
    expected: listed.length === 1 ? (listed[0] as string) : `one of ${listed.join(', ')}`,
    test: (value) => values.includes(value as string),
  }
}

/** Any one of these rules; the first the value meets checks its fields or elements. */
export function anyOf(...rules: readonly OptionRule[]): OptionRule {
  return {
    expected: rules.map((rule) => rule.expected).join(' or '),
    test: (value) => rules.some((rule) => rule.test(value)),
    anyOf: rules,
  }
}

/** An object (not an array), whose own options, when given, are checked by their rules. */
export function anObject<TOptions extends object>(fields?: OptionRules<TOptions>): OptionRule {
  const rule: OptionRule = {
    expected: fields === undefined ? 'an object' : `an object ({ ${Object.keys(fields).join(', ')} })`,
    test: (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
  }
  return fields === undefined ? rule : { ...rule, fields: fields as OptionRules<object> }
}

/** A list whose every element meets `rule`. */
export function listOf(rule: OptionRule): OptionRule {
  return { expected: `a list, each ${rule.expected}`, test: Array.isArray, each: rule }
}

/** An object whose every value meets `rule`. */
export function recordOf(rule: OptionRule): OptionRule {
  return { ...anObject(), expected: `an object, each value ${rule.expected}`, each: rule }
}

/** An object with a method of this name: an SDK client (`send`), a store (`claim`). */
export function withMethod(name: string): OptionRule {
  return {
    expected: `an object with a ${name}() method`,
    test: (value) =>
      typeof value === 'object' &&
      value !== null &&
      typeof (value as Record<string, unknown>)[name] === 'function',
  }
}

/** A string the pattern matches. */
export function matching(pattern: RegExp): OptionRule {
  return {
    expected: `a string matching ${pattern}`,
    test: (value) => typeof value === 'string' && pattern.test(value),
  }
}

/** A zod schema, or any other Standard Schema v1 schema. */
export const standardSchema: OptionRule = {
  expected: 'a zod schema (3.24 or later) or another Standard Schema v1 schema (valibot, arktype...)',
  test: (value) => {
    if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return false
    const standard = (
      value as { readonly '~standard'?: { readonly version?: unknown; readonly validate?: unknown } }
    )['~standard']
    return (
      typeof standard === 'object' &&
      standard !== null &&
      standard.version === 1 &&
      typeof standard.validate === 'function'
    )
  },
}
