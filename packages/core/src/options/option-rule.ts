/**
 * What one option of a factory must be. `expected` completes the error's sentence (`option 'x' must be …`), so a
 * rule states it once and every misuse of every factory is phrased the same way. The rules in option-rules.ts cover
 * what tsumiki's factories take; `optionRule()` makes another.
 */
export interface OptionRule {
  readonly expected: string
  readonly test: (value: unknown) => boolean
  /** Refused when left out or `undefined`; any other option may be either. */
  readonly required?: boolean
  /** Options of an object option, checked the same way; their paths are joined with a dot (`localCache.maxBytes`). */
  readonly fields?: OptionRules<object>
  /** What each element of a list, or each value of an object, must be (paths `headers[1]`, `env.TZ`). */
  readonly each?: OptionRule
  /** The rules a value may meet one of; the first it meets checks its fields or elements. */
  readonly anyOf?: readonly OptionRule[]
}

/** The rules of a factory's options, one per option: the table checkOptions() reads. */
export type OptionRules<TOptions> = { readonly [Name in keyof TOptions]-?: OptionRule }
