import type { Awaitable } from '../engine/awaitable.js'
import { afterInits } from '../engine/chain-depth.js'
import { startColdStart } from '../engine/cold-start.js'
import { compose, type RuntimeMiddleware, type Step } from '../engine/compose.js'
import type { Extend, Usable } from '../engine/middleware.js'
import { checkOption } from '../options/check-options.js'
import { aFunction, required } from '../options/option-rules.js'

const routeBrand = Symbol.for('tsumiki.route')

/** A route's finished chain, made by `route.handle(fn)`; only a router runs it. */
export interface Route {
  readonly [routeBrand]: RouteChain
}

/** What a router runs for a matched request: the route's middlewares around its handler, inits awaited. */
export type RouteChain = (request: object) => unknown

/**
 * One route's chain under construction: `route.use(validate({ body: Order })).handle(({ input }) => ...)`.
 * Its middlewares run inside the router, so inside every middleware of the chain the router is the handler of;
 * what they add is typed for this route only.
 */
export interface RouteBuilder<TRequest extends object> {
  use<Added extends object = {}, State = void, Needs extends object = TRequest>(
    middleware: Usable<TRequest, Needs, Added, State>,
  ): RouteBuilder<Extend<TRequest, Added>>
  handle(handler: (request: TRequest) => Awaitable<unknown>): Route
}

/** Starts a route's builder; the router calls the user's `(route) => route....handle(fn)` with it. */
export function routeBuilder<TRequest extends object>(
  middlewares: readonly RuntimeMiddleware[] = [],
): RouteBuilder<TRequest> {
  return {
    use(middleware) {
      return routeBuilder([...middlewares, middleware as unknown as RuntimeMiddleware]) as never
    },
    handle(handler) {
      checkOption('route.handle()', 'handler', handler, required(aFunction))
      return { [routeBrand]: composeRoute(middlewares, handler as Step) }
    },
  }
}

/**
 * The route's middlewares composed once, when the route is declared (module load): their inits start then, as
 * those of the chain around the router do, and the first request to the route awaits them. The route's chain runs
 * in the router's innermost step, so chain-depth.ts numbers its waits deeper than that step's.
 */
function composeRoute(middlewares: readonly RuntimeMiddleware[], handler: Step): RouteChain {
  const coldStart = startColdStart(middlewares)
  return afterInits(coldStart, compose(middlewares, coldStart.states, handler))
}

export function routeChainOf(route: unknown): RouteChain | undefined {
  return typeof route === 'object' && route !== null && routeBrand in route
    ? (route as Route)[routeBrand]
    : undefined
}
