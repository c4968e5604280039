import type { ColdStart } from './cold-start.js'
import type { Step } from './compose.js'
import type { Invocation } from './invocation.js'
import { invocationKey } from './request.js'

/*
 * How deep each wait of a chain sits, for the deadline guard, which cuts what is pending innermost first (see
 * invocation.ts). One numbering for every chain:
 *
 *   the wait for the chain's inits     base          (no layer of the chain runs before its inits are done)
 *   middleware i                       base + i
 *   the innermost step (the handler)   base + count
 *
 * The handler's chain has base 0. A chain run inside another's innermost step (a router's per-route chain) has base
 * one deeper than that step, so its inits, its layers and its handler are cut before the step that runs them, which
 * then gets its turn to answer.
 */

/** Where a request carries the depth of the innermost step it is in, for a chain nested in that step. */
const innermostDepthKey = Symbol('tsumiki.innermost-depth')

/** The base of a chain starting for `request`: 0, or one deeper than the innermost step it runs in. */
export function baseDepthOf(request: object): number {
  const enclosing = (request as Record<symbol, number | undefined>)[innermostDepthKey]
  return enclosing === undefined ? 0 : enclosing + 1
}

/** Records that `request` enters an innermost step at `depth`, for a chain the step may run. */
export function enterInnermostStep(request: object, depth: number): void {
  ;(request as Record<symbol, number>)[innermostDepthKey] = depth
}

/**
 * The chain behind the wait for its middlewares' inits: at cold start (or after an init failed) every request
 * awaits them first, guarded at the chain's base depth, so a hung init answers at the deadline as a hung handler
 * does. Once every init is done, the chain itself.
 */
export function afterInits(coldStart: ColdStart, chain: Step): Step {
  const { ensureInitialised } = coldStart
  if (ensureInitialised === undefined) return chain
  return function afterInits(request) {
    const initialising = ensureInitialised()
    if (initialising === undefined) return chain(request)
    const invocation = (request as { readonly [invocationKey]: Invocation })[invocationKey]
    return (invocation.guard(initialising, baseDepthOf(request)) as Promise<void>).then(() => chain(request))
  }
}
