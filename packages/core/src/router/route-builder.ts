import type { Awaitable } from '../awaitable.js'
import { startColdStart } from '../cold-start.js'
import { compose, type RuntimeMiddleware, type Step } from '../compose.js'
import type { Invocation } from '../invocation.js'
import type { Extend, Usable } from '../middleware.js'
import { invocationKey } from '../request.js'

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
      if (typeof handler !== 'function') {
        throw new TypeError(`route.handle() takes the route's handler function, got ${typeof handler}`)
      }
      return { [routeBrand]: composeRoute(middlewares, handler as Step) }
    },
  }
}

/**
 * The route's middlewares composed once, when the route is declared (module load): their inits start then, as
 * those of the chain around the router do, and the first request to the route awaits them (guarded by the
 * deadline as the innermost wait there is: it is cut first).
 */
function composeRoute(middlewares: readonly RuntimeMiddleware[], handler: Step): RouteChain {
  const { states, ensureInitialised } = startColdStart(middlewares)
  const chain = compose(middlewares, states, handler)
  if (ensureInitialised === undefined) return chain
  return function initialisedRoute(request) {
    const initialising = ensureInitialised()
    if (initialising === undefined) return chain(request)
    const invocation = (request as { readonly [invocationKey]: Invocation })[invocationKey]
    return (invocation.guard(initialising, routeInitWaitDepth) as Promise<void>).then(() => chain(request))
  }
}

// Deeper than any layer of any chain: a route's init wait is the innermost thing pending while it lasts.
// A literal, not `Number.MAX_SAFE_INTEGER`: a global's property read is a statement a bundler keeps.
const routeInitWaitDepth = 9_007_199_254_740_991

export function routeChainOf(route: unknown): RouteChain | undefined {
  return typeof route === 'object' && route !== null && routeBrand in route
    ? (route as Route)[routeBrand]
    : undefined
}
