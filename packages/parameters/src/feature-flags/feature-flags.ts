import {
  InvalidOptionError,
  type InvocationRequest,
  isPromiseLike,
  type Middleware,
  middleware,
} from '@tsumiki/core'
import { ParameterCache, type Reader } from '../cache/parameter-cache.js'
import type { ParameterDefinition } from '../definitions/definition.js'
import { type ParameterStoreOptions, resolveStoreOptions } from '../store/store-options.js'
import { compileFlagSet, type FeatureFlags } from './flag-set.js'

/** What `featureFlags()` adds to the request. */
export interface FlagsAdded<Name extends string> {
  readonly flags: FeatureFlags<Name>
}

/** What the middleware's `init()` hands every invocation: the flags, from memory while fresh. */
export interface FeatureFlagsState<Name extends string> {
  current(reader: Reader): FeatureFlags<Name> | Promise<FeatureFlags<Name>>
}

/** The names of the flags a configuration must hold: a check of any other does not compile. */
export interface FlagNamesOption<Name extends string> {
  readonly flags: readonly Name[]
}

/**
 * An `appConfig()` definition read as feature flags, for `parameters()` or `createParameterStore()`: its value
 * is a `FeatureFlags` whose flags were all checked when it was fetched (a flag named in `flags` and missing, or
 * malformed, is a `ParameterError` then, never a silent false at a check).
 */
export function flagsOf<const Name extends string>(
  source: ParameterDefinition<unknown>,
  options: FlagNamesOption<Name>,
): ParameterDefinition<FeatureFlags<Name>>
/** Flags named by the configuration's type (an `appConfig()` with a schema of its flags). */
export function flagsOf<Value extends object>(
  source: ParameterDefinition<Value>,
): ParameterDefinition<FeatureFlags<keyof Value & string>>
export function flagsOf(
  source: ParameterDefinition<unknown>,
  options?: FlagNamesOption<string>,
): ParameterDefinition<FeatureFlags<string>> {
  if (typeof source !== 'object' || source === null || source.source !== 'appConfig') {
    throw new InvalidOptionError('featureFlags()', 'source', 'an appConfig() definition', source)
  }
  const required = options?.flags
  if (
    required !== undefined &&
    (!Array.isArray(required) || required.some((name) => typeof name !== 'string'))
  ) {
    throw new InvalidOptionError('featureFlags()', 'flags', 'a list of flag names', required)
  }
  return {
    ...source,
    convert: async (fetched) => compileFlagSet(await source.convert(fetched), required, source.name),
  }
}

/**
 * Adds `request.flags`: feature flags from an AppConfig configuration, fetched at cold start, kept and refreshed
 * by the same rules as `parameters()` (same options), and evaluated in memory at each check:
 * `request.flags.isEnabled('new-checkout', { userId })`, `request.flags.variant('pricing', { plan })`.
 */
export function featureFlags<const Name extends string>(
  source: ParameterDefinition<unknown>,
  options: ParameterStoreOptions & FlagNamesOption<Name>,
): Middleware<InvocationRequest, FlagsAdded<Name>, FeatureFlagsState<Name>>
/** Flags named by the configuration's type (an `appConfig()` with a schema of its flags). */
export function featureFlags<Value extends object>(
  source: ParameterDefinition<Value>,
  options?: ParameterStoreOptions,
): Middleware<InvocationRequest, FlagsAdded<keyof Value & string>, FeatureFlagsState<keyof Value & string>>
export function featureFlags(
  source: ParameterDefinition<unknown>,
  options: ParameterStoreOptions & Partial<FlagNamesOption<string>> = {},
): Middleware<InvocationRequest, FlagsAdded<string>, FeatureFlagsState<string>> {
  const { flags: names, ...storeOptions } = options
  const definitions = {
    flags:
      names === undefined
        ? flagsOf(source as ParameterDefinition<object>)
        : flagsOf(source, { flags: names }),
  }
  const cache = new ParameterCache(
    definitions,
    resolveStoreOptions('featureFlags()', definitions, storeOptions),
  )
  const state: FeatureFlagsState<string> = {
    current(reader) {
      const params = cache.current(reader)
      return isPromiseLike(params) ? params.then((loaded) => loaded.flags) : params.flags
    },
  }
  return middleware<InvocationRequest, FlagsAdded<string>, FeatureFlagsState<string>>({
    name: 'featureFlags',
    init: async () => {
      await cache.load()
      return state
    },
    handle(request, next, flagsState) {
      const flags = flagsState.current(request)
      return isPromiseLike(flags) ? flags.then((loaded) => next({ flags: loaded })) : next({ flags })
    },
  })
}
