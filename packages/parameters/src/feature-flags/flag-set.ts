import { ParameterError, type ParameterFailure } from '../errors/parameter-error.js'
import { compileRule } from '../flag-rules/compile-rule.js'
import type { FlagContext, FlagRule } from '../flag-rules/flag-context.js'

/** The variant a check selected: its name (undefined for a flag without variants), status and attributes. */
export interface FlagVariant {
  readonly name: string | undefined
  readonly enabled: boolean
  readonly attributes: Readonly<Record<string, unknown>>
}

/**
 * `request.flags`: checks evaluated in memory against the configuration last fetched, with no call. A check never
 * throws: every flag it can name was checked when the configuration was fetched.
 */
export interface FeatureFlags<Name extends string> {
  /** Whether the flag (the variant the context selects, for a multi-variant flag) is enabled. */
  isEnabled(name: Name, context?: FlagContext): boolean
  /** The variant the context selects: the first whose rule matches, in order, else the default (the last). */
  variant(name: Name, context?: FlagContext): FlagVariant
  /** The flags the configuration holds. */
  readonly names: readonly Name[]
}

interface CompiledFlag {
  /** In AppConfig's order; the last has no rule (the default variant). */
  readonly variants: readonly { readonly variant: FlagVariant; readonly rule: FlagRule | undefined }[]
}

const noContext: FlagContext = /* @__PURE__ */ Object.freeze({})
/** What a flag name the configuration does not hold answers (only reachable from untyped code). */
const absent: FlagVariant = /* @__PURE__ */ Object.freeze({
  name: undefined,
  enabled: false,
  attributes: /* @__PURE__ */ Object.freeze({}),
})

/**
 * Reads a feature-flag configuration, in either form AppConfig gives one, and checks every flag in it (and that
 * every flag in `required` is there) at once: a `ParameterError` names each flag missing or malformed.
 *
 * - As the AppConfig Data API and the agent answer an `AWS.AppConfig.FeatureFlags` profile:
 *   `{ "<flag>": { "enabled": true, ...attributes } }` (the agent adds `_variant` when it chose a variant).
 * - As the profile's document is stored (`{ "version": "1", "flags": {…}, "values": {…} }`): a flag's values with
 *   `_variants` is a multi-variant flag, evaluated here: its variants in order, the last the default, without a rule.
 */
export function compileFlagSet<Name extends string>(
  configuration: unknown,
  required: readonly Name[] | undefined,
  configurationName: string,
): FeatureFlags<Name> {
  const failures: ParameterFailure[] = []
  const malformed = new Set<string>()
  const fail = (flag: string | undefined, detail: string) => {
    if (flag !== undefined) malformed.add(flag)
    failures.push({
      name: configurationName,
      source: 'appConfig',
      reason: 'invalid',
      detail: flag === undefined ? detail : `flag '${flag}' ${detail}`,
    })
  }
  const flags = new Map<string, CompiledFlag>()
  if (!isRecord(configuration)) {
    fail(undefined, 'is not a feature-flag configuration (an object of flags)')
  } else if (isDocument(configuration)) {
    for (const name of Object.keys(configuration.flags)) {
      const values = Object.hasOwn(configuration.values, name) ? configuration.values[name] : undefined
      if (!isRecord(values)) {
        fail(name, 'has no values')
        continue
      }
      const compiled = compileDocumentFlag(name, values, fail)
      if (compiled !== undefined) flags.set(name, compiled)
    }
  } else {
    for (const [name, value] of Object.entries(configuration)) {
      const compiled = compileAnswerFlag(name, value, fail)
      if (compiled !== undefined) flags.set(name, compiled)
    }
  }
  const missing = (required ?? []).filter((name) => !flags.has(name) && !malformed.has(name))
  if (missing.length > 0) {
    const list = missing.map((name) => `'${name}'`).join(', ')
    fail(undefined, `does not hold the flag${missing.length === 1 ? '' : 's'} ${list}`)
  }
  if (failures.length > 0) throw new ParameterError(failures)

  const select = (name: string, context: FlagContext): FlagVariant => {
    const flag = flags.get(name)
    if (flag === undefined) return absent
    for (const { variant, rule } of flag.variants) {
      if (rule === undefined || rule(context)) return variant
    }
    return absent
  }
  return Object.freeze({
    isEnabled: (name: Name, context: FlagContext = noContext) => select(name, context).enabled,
    variant: (name: Name, context: FlagContext = noContext) => select(name, context),
    names: Object.freeze([...flags.keys()]) as readonly Name[],
  })
}

/** `{ enabled, ...attributes, _variant? }`: one flag as the service (or the agent) answers it. */
function compileAnswerFlag(
  name: string,
  value: unknown,
  fail: (flag: string, detail: string) => void,
): CompiledFlag | undefined {
  if (!isRecord(value)) {
    fail(name, 'is not an object ({ "enabled": true | false, ...attributes })')
    return undefined
  }
  if (typeof value.enabled !== 'boolean') {
    fail(name, 'has no boolean "enabled"')
    return undefined
  }
  const variantName = value._variant
  return {
    variants: [
      {
        variant: Object.freeze({
          name: typeof variantName === 'string' ? variantName : undefined,
          enabled: value.enabled,
          attributes: attributesOf(value),
        }),
        rule: undefined,
      },
    ],
  }
}

/** One flag's values in the stored document: `{ enabled, ...attributes }` or `{ _variants: [...] }`. */
function compileDocumentFlag(
  name: string,
  values: Readonly<Record<string, unknown>>,
  fail: (flag: string, detail: string) => void,
): CompiledFlag | undefined {
  const variants = values._variants
  if (variants === undefined) return compileAnswerFlag(name, values, fail)
  if (!Array.isArray(variants) || variants.length === 0) {
    fail(name, 'has "_variants" that is not a list of variants')
    return undefined
  }
  const compiled: { variant: FlagVariant; rule: FlagRule | undefined }[] = []
  let ok = true
  for (const [index, variant] of variants.entries()) {
    const isDefault = index === variants.length - 1
    if (!isRecord(variant) || typeof variant.name !== 'string' || typeof variant.enabled !== 'boolean') {
      fail(name, `variant ${index} needs a string "name" and a boolean "enabled"`)
      ok = false
      continue
    }
    const attributes = variant.attributeValues ?? {}
    if (!isRecord(attributes)) {
      fail(name, `variant '${variant.name}' has "attributeValues" that is not an object`)
      ok = false
      continue
    }
    let rule: FlagRule | undefined
    if (isDefault) {
      // AppConfig refuses a default variant with a rule, or one that is not last: what has no rule is the default.
      if (variant.rule !== undefined) {
        fail(name, `variant '${variant.name}' is last, the default, and may not have a rule`)
        ok = false
        continue
      }
    } else if (typeof variant.rule !== 'string') {
      fail(name, `variant '${variant.name}' has no rule (only the last variant, the default, has none)`)
      ok = false
      continue
    } else {
      try {
        rule = compileRule(variant.rule, name)
      } catch (error) {
        fail(name, `variant '${variant.name}' has a rule that cannot be read: ${(error as Error).message}`)
        ok = false
        continue
      }
    }
    compiled.push({
      variant: Object.freeze({
        name: variant.name,
        enabled: variant.enabled,
        attributes: Object.freeze({ ...attributes }),
      }),
      rule,
    })
  }
  return ok ? { variants: compiled } : undefined
}

/** Every key but `enabled` and AppConfig's own (`_variant`, `_createdAt`, `_updatedAt`: a leading underscore). */
function attributesOf(value: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> {
  const attributes: Record<string, unknown> = {}
  for (const [key, attribute] of Object.entries(value)) {
    if (key === 'enabled' || key.startsWith('_')) continue
    Object.defineProperty(attributes, key, { value: attribute, enumerable: true })
  }
  return Object.freeze(attributes)
}

function isDocument(value: Readonly<Record<string, unknown>>): value is {
  readonly flags: Readonly<Record<string, unknown>>
  readonly values: Readonly<Record<string, unknown>>
} {
  return typeof value.version === 'string' && isRecord(value.flags) && isRecord(value.values)
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
