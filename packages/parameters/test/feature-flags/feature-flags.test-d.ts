import { lambda, raw } from '@tsumiki/core'
import { describe, expectTypeOf, it } from 'vitest'
import * as z from 'zod'
import {
  appConfig,
  type FeatureFlags,
  type FlagVariant,
  featureFlags,
  flagsOf,
  type ParameterDefinition,
  parameters,
} from '../../src/index.js'

const source = appConfig({ application: 'orders', environment: 'prod', profile: 'flags' })

describe('appConfig() types', () => {
  it('is typed by its schema, its format function, or text', () => {
    const where = { application: 'a', environment: 'e', profile: 'p' }
    expectTypeOf(appConfig({ ...where, schema: z.object({ n: z.number() }) })).toEqualTypeOf<
      ParameterDefinition<{ n: number }>
    >()
    expectTypeOf(appConfig({ ...where, format: (text: string) => text.length })).toEqualTypeOf<
      ParameterDefinition<number>
    >()
    expectTypeOf(appConfig({ ...where, format: 'text' })).toEqualTypeOf<ParameterDefinition<string>>()
    expectTypeOf(appConfig(where)).toEqualTypeOf<ParameterDefinition<unknown>>()
    // @ts-expect-error YAML is read by a parser you pass, not by name
    appConfig({ ...where, format: 'yaml' })
  })
})

describe('featureFlags() types', () => {
  it('types flag names from the list given', () => {
    lambda(raw())
      .use(featureFlags(source, { flags: ['new-checkout', 'pricing'] }))
      .handle(({ flags }) => {
        expectTypeOf(flags).toEqualTypeOf<FeatureFlags<'new-checkout' | 'pricing'>>()
        expectTypeOf(flags.isEnabled('new-checkout', { userId: 'u-1', age: 3 })).toEqualTypeOf<boolean>()
        expectTypeOf(flags.variant('pricing')).toEqualTypeOf<FlagVariant>()
        // @ts-expect-error a typo does not compile
        flags.isEnabled('new-chekout')
        // @ts-expect-error a context value is a string, number, boolean or Date
        flags.isEnabled('pricing', { user: { id: 1 } })
        return null
      })
  })

  it('types flag names from the configuration schema', () => {
    const typed = appConfig({
      application: 'orders',
      environment: 'prod',
      profile: 'flags',
      schema: z.object({ 'dark-mode': z.object({ enabled: z.boolean() }) }),
    })
    lambda(raw())
      .use(featureFlags(typed))
      .handle(({ flags }) => {
        expectTypeOf(flags).toEqualTypeOf<FeatureFlags<'dark-mode'>>()
        // @ts-expect-error not a flag of the schema
        flags.isEnabled('light-mode')
        return null
      })
  })

  it('needs the names when the configuration is untyped, and works inside parameters()', () => {
    // @ts-expect-error an untyped appConfig() needs { flags: [...] }
    featureFlags(source)
    lambda(raw())
      .use(parameters({ flags: flagsOf(source, { flags: ['beta'] }) }))
      .handle(({ params }) => {
        expectTypeOf(params.flags.isEnabled).parameter(0).toEqualTypeOf<'beta'>()
        return null
      })
  })
})
