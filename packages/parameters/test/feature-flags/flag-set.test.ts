import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compileFlagSet } from '../../src/feature-flags/flag-set.js'
import { isParameterError } from '../../src/index.js'

/** The stored form of an `AWS.AppConfig.FeatureFlags` profile, as AppConfig's documentation shows it. */
const document = {
  version: '1',
  flags: {
    ui_refresh: {
      name: 'UI Refresh',
      attributes: { dark_mode_support: { constraints: { type: 'boolean' } } },
    },
    new_checkout: { name: 'New checkout' },
  },
  values: {
    ui_refresh: {
      _variants: [
        {
          name: 'QA',
          enabled: true,
          rule: '(ends_with $email "qa-testers.mycompany.com")',
          attributeValues: { dark_mode_support: true },
        },
        {
          name: 'Beta Testers',
          enabled: true,
          rule: '(exists key::"opted_in_to_beta")',
          attributeValues: { dark_mode_support: true },
        },
        {
          name: 'Sample Population',
          enabled: true,
          rule: '(split pct::10 by::$email)',
          attributeValues: { dark_mode_support: false },
        },
        { name: 'Default Variant', enabled: false, attributeValues: { dark_mode_support: false } },
      ],
    },
    new_checkout: { enabled: true, limit: 3, _createdAt: '2026-12-01T00:00:00Z' },
  },
}

function failuresOf(run: () => unknown): string[] {
  try {
    run()
  } catch (error) {
    if (isParameterError(error)) return error.failures.map((failure) => failure.detail)
    throw error
  }
  return []
}

describe('compileFlagSet()', () => {
  it('reads the flags as the service answers them: enabled, attributes, the agent variant name', () => {
    const flags = compileFlagSet(
      {
        new_checkout: { enabled: true, limit: 3, _updatedAt: 'x' },
        pricing: { enabled: false, tier: 'b', _variant: 'Beta' },
      },
      ['new_checkout', 'pricing'],
      'orders/prod/flags',
    )
    expect(flags.isEnabled('new_checkout')).toBe(true)
    expect(flags.variant('new_checkout')).toEqual({
      name: undefined,
      enabled: true,
      attributes: { limit: 3 },
    })
    expect(flags.variant('pricing')).toEqual({ name: 'Beta', enabled: false, attributes: { tier: 'b' } })
    expect(flags.names).toEqual(['new_checkout', 'pricing'])
  })

  it('evaluates multi-variant flags in order: the first rule that matches, else the default', () => {
    const flags = compileFlagSet(document, ['ui_refresh', 'new_checkout'], 'orders/prod/flags')
    // QA matches before Beta Testers, though both match.
    expect(
      flags.variant('ui_refresh', { email: 'a@qa-testers.mycompany.com', opted_in_to_beta: 'yes' }).name,
    ).toBe('QA')
    expect(flags.variant('ui_refresh', { email: 'a@example.com', opted_in_to_beta: 'yes' }).name).toBe(
      'Beta Testers',
    )
    expect(flags.variant('ui_refresh', {})).toEqual({
      name: 'Default Variant',
      enabled: false,
      attributes: { dark_mode_support: false },
    })
    expect(flags.isEnabled('new_checkout')).toBe(true)
    expect(flags.variant('new_checkout').attributes).toEqual({ limit: 3 })
  })

  it('splits as AppConfig documents: two variants at pct::20 give A 20 %, B 0 %; at 20 and 25, B 5 %', () => {
    const shares = (a: number, b: number) => {
      const flags = compileFlagSet(
        {
          version: '1',
          flags: { f: {} },
          values: {
            f: {
              _variants: [
                { name: 'A', enabled: true, rule: `(split by::$uniqueId pct::${a})` },
                { name: 'B', enabled: true, rule: `(split by::$uniqueId pct::${b})` },
                { name: 'C', enabled: false },
              ],
            },
          },
        },
        ['f'],
        'c',
      )
      const counts: Record<string, number> = { A: 0, B: 0, C: 0 }
      for (let index = 0; index < 10_000; index++) {
        const name = flags.variant('f', { uniqueId: `id-${index}` }).name as string
        counts[name] = (counts[name] ?? 0) + 1
      }
      return { A: (counts.A ?? 0) / 100, B: (counts.B ?? 0) / 100, C: (counts.C ?? 0) / 100 }
    }
    const same = shares(20, 20)
    expect(Math.abs(same.A - 20)).toBeLessThanOrEqual(2)
    expect(same.B).toBe(0)
    const wider = shares(20, 25)
    expect(Math.abs(wider.B - 5)).toBeLessThanOrEqual(2)
    expect(Math.abs(wider.C - 75)).toBeLessThanOrEqual(2)
  })

  it('names every flag missing or malformed at once, at fetch time', () => {
    expect(
      failuresOf(() =>
        compileFlagSet(
          { a: { enabled: 'yes' }, b: 'on', c: { enabled: true } },
          ['a', 'b', 'c', 'd', 'e'],
          'orders/prod/flags',
        ),
      ),
    ).toEqual([
      `flag 'a' has no boolean "enabled"`,
      `flag 'b' is not an object ({ "enabled": true | false, ...attributes })`,
      `does not hold the flags 'd', 'e'`,
    ])
    const broken = structuredClone(document) as { values: Record<string, unknown> }
    broken.values.ui_refresh = {
      _variants: [
        { name: 'QA', enabled: true, rule: '(ends_with $email' },
        { name: 'No rule', enabled: true },
        { name: 'Default', enabled: false, rule: '(eq $a 1)' },
      ],
    }
    broken.values.new_checkout = undefined
    expect(failuresOf(() => compileFlagSet(broken, ['ui_refresh'], 'c'))).toEqual([
      `flag 'ui_refresh' variant 'QA' has a rule that cannot be read: the expression opened at 0 is not closed`,
      `flag 'ui_refresh' variant 'No rule' has no rule (only the last variant, the default, has none)`,
      `flag 'ui_refresh' variant 'Default' is last, the default, and may not have a rule`,
      `flag 'new_checkout' has no values`,
    ])
    expect(failuresOf(() => compileFlagSet([true], undefined, 'c'))).toEqual([
      'is not a feature-flag configuration (an object of flags)',
    ])
  })

  it('never throws at a check, whatever the name or context', () => {
    const flags = compileFlagSet(document, undefined, 'c')
    fc.assert(
      fc.property(
        fc.string(),
        fc.dictionary(
          fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'email', 'opted_in_to_beta')),
          fc.oneof(
            fc.string(),
            fc.double(),
            fc.boolean(),
            fc.date(),
            fc.constant(null),
            fc.constant(undefined),
          ),
        ),
        (name, context) => {
          const variant = flags.variant(name as 'ui_refresh', context)
          return (
            typeof variant.enabled === 'boolean' &&
            flags.isEnabled(name as 'ui_refresh', context) === variant.enabled
          )
        },
      ),
    )
    expect(flags.isEnabled('__proto__' as 'ui_refresh')).toBe(false)
  })
})
