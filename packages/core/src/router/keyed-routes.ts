import { InvalidOptionError } from '../errors/invalid-option-error.js'
import { checkOption } from '../options/check-options.js'
import type { OptionRule } from '../options/option-rule.js'
import { aFunction, required } from '../options/option-rules.js'
import {
  type Route,
  type RouteBuilder,
  type RouteChain,
  routeBuilder,
  routeChainOf,
} from './route-builder.js'

/**
 * Routes by one exact key of the request (AppSync's `Type.field`, a WebSocket route key): what `resolvers()` and
 * `webSocketRoutes()` share. `chains` is never changed: `withRoute()` makes a new map, so a set of routes is immutable.
 */
export type KeyedChains = ReadonlyMap<string, RouteChain>

/** The chains with one more, its declaration checked when declared (module load), never per request. */
export function withRoute(
  where: string,
  chains: KeyedChains,
  key: unknown,
  keyRule: OptionRule,
  declare: (route: RouteBuilder<never>) => Route,
): KeyedChains {
  checkOption(where, 'key', key, required(keyRule))
  checkOption(where, 'declare', declare, required(aFunction))
  if (chains.has(key as string)) throw new InvalidOptionError(where, 'key', 'a key not declared yet', key)
  const chain = routeChainOf(declare(routeBuilder()))
  if (chain === undefined) {
    throw new InvalidOptionError(where, 'declare', 'a function returning route.handle(...)', declare)
  }
  return new Map([...chains, [key as string, chain]])
}

/** Runs the chain of `key`, or `missing()` (which throws) where no route has that key. */
export function runKeyed(chains: KeyedChains, key: string, request: object, missing: () => never): unknown {
  const chain = chains.get(key)
  return chain === undefined ? missing() : chain(request)
}
