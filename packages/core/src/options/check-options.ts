import { InvalidOptionError } from '../errors/invalid-option-error.js'
import type { OptionRule, OptionRules } from './option-rule.js'

/**
 * Checks a factory's options against its rules, once, where the handler is built: an options argument that is not
 * an object, a key no rule names (a misspelt option), a required option left out and a value its rule refuses each
 * throw `InvalidOptionError` naming `where`, the option's path, what it must be and what it got. An option given as
 * `undefined` is an option left out.
 */
export function checkOptions<TOptions extends object>(
  where: string,
  options: TOptions | undefined,
  rules: OptionRules<TOptions>,
): void {
  const given: unknown = options === undefined ? {} : options
  if (typeof given !== 'object' || given === null || Array.isArray(given)) {
    throw new InvalidOptionError(where, 'options', 'an object', options)
  }
  checkFields(where, '', given, rules)
}

// `options` is an object: the argument checked above, or an option its rule's test found to be one.
function checkFields(where: string, prefix: string, options: object, rules: OptionRules<object>): void {
  const names = Object.keys(rules)
  for (const name of Object.keys(options)) {
    if (!Object.hasOwn(rules, name)) {
      throw new InvalidOptionError(
        where,
        prefix + name,
        `one of the known options (${names.join(', ')})`,
        'an unknown option',
      )
    }
  }
  for (const name of names) {
    checkOption(
      where,
      prefix + name,
      (options as Record<string, unknown>)[name],
      (rules as Record<string, OptionRule>)[name] as OptionRule,
    )
  }
}

/**
 * Checks one value against its rule, as checkOptions() checks each option: for an argument that is not in an
 * options object (`ssm(name)`, `makeIdempotent(fn)`), named `path` in the error.
 */
export function checkOption(where: string, path: string, value: unknown, rule: OptionRule): void {
  if (value === undefined) {
    if (rule.required) throw new InvalidOptionError(where, path, rule.expected, value)
    return
  }
  if (!rule.test(value)) throw new InvalidOptionError(where, path, rule.expected, value)
  const met = rule.anyOf?.find((option) => option.test(value)) ?? rule
  if (met.fields !== undefined) checkFields(where, `${path}.`, value as object, met.fields)
  if (met.each !== undefined) {
    // An array's indexes or an object's keys, each element checked under its own path.
    for (const key in value as object) {
      const at = Array.isArray(value) ? `${path}[${key}]` : `${path}.${key}`
      checkOption(where, at, (value as Record<string, unknown>)[key], met.each)
    }
  }
}
