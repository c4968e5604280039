import { TsumikiError } from '../errors/tsumiki-error.js'
import { baseDepthOf, enterInnermostStep } from './chain-depth.js'
import type { Invocation } from './invocation.js'
import { invocationKey } from './request.js'

/** A middleware as the engine runs it, after `.use()` has checked its types. */
export interface RuntimeMiddleware {
  readonly name: string
  readonly init?: () => unknown
  readonly handle: (request: object, next: (added?: object) => unknown, state: unknown) => unknown
}

export type Step = (request: object) => unknown

/**
 * The whole engine, built once per handler: layer `index` calls its middleware with the request, a `next` that
 * enters layer `index + 1` (or, past the last one, the innermost step) and the state its `init()` prepared.
 *
 * Every layer's result, and the innermost step's, goes through the invocation's deadline guard: a synchronous result
 * passes as is, a pending one rejects with `DeadlineExceededError` at the cut-off. So wherever the chain hangs (in a
 * middleware before `next()`, in the handler, on a thenable) the layers outside it see the error, log it and answer.
 *
 * `states` is filled by the cold start as inits finish; no layer runs before its init has.
 */
export function compose(
  middlewares: readonly RuntimeMiddleware[],
  states: readonly unknown[],
  innermost: Step,
): Step {
  const count = middlewares.length
  const layers = [...middlewares]
  const handles = layers.map((middleware) => middleware.handle)

  // `base` is how deep this chain sits (see chain-depth.ts): layer `index` is at `base + index`, the innermost step
  // at `base + count`.
  function guardedInnermost(request: object, base: number): unknown {
    const depth = base + count
    enterInnermostStep(request, depth)
    return invocationOf(request).guard(innermost(request), depth)
  }

  function enter(index: number, request: object, base: number): unknown {
    // What this layer hands on until next() is called, then `undefined`, so that a second call fails. One variable,
    // not the request and a flag: the closure is the only allocation a hop makes, and the smaller the better.
    let pending: object | undefined = request
    const handle = handles[index] as RuntimeMiddleware['handle']
    const result = handle.call(
      layers[index],
      request,
      (added?: object) => {
        const current = pending
        if (current === undefined) throw nextCalledTwice(layers[index] as RuntimeMiddleware)
        pending = undefined
        const passed = added === undefined ? current : addFields(current, added)
        const inner = index + 1
        return inner === count ? guardedInnermost(passed, base) : enter(inner, passed, base)
      },
      states[index],
    )
    return invocationOf(request).guard(result, base + index)
  }

  return function chain(request) {
    const base = baseDepthOf(request)
    return count === 0 ? guardedInnermost(request, base) : enter(0, request, base)
  }
}

function invocationOf(request: object): Invocation {
  return (request as { readonly [invocationKey]: Invocation })[invocationKey]
}

function nextCalledTwice(middleware: RuntimeMiddleware): TsumikiError {
  return new TsumikiError('NEXT_CALLED_TWICE', `Middleware "${middleware.name}" called next() more than once`)
}

/**
 * Puts a middleware's fields on the request. Fields only grow (`.use()` checks that an added field narrows an
 * existing one at most, and `input` merges), so every layer's view of the one request object stays true. Some request fields are getters
 * on the request's prototype (HTTP's lazily parsed `pathParams`, which a router narrows), which plain assignment
 * cannot overwrite: those are defined on the request itself instead.
 */
function addFields(request: object, added: object): object {
  // What Object.assign does, own enumerable string keys then symbols, at a fraction of its cost on a class
  // instance: for...in over a fresh literal reads V8's enum cache and makes no array.
  const target = request as Record<PropertyKey, unknown>
  const source = added as Record<PropertyKey, unknown>
  for (const name in source) if (Object.hasOwn(source, name)) setField(target, name, source[name])
  for (const symbol of Object.getOwnPropertySymbols(source)) {
    if (Object.prototype.propertyIsEnumerable.call(source, symbol)) setField(target, symbol, source[symbol])
  }
  return request
}

function setField(target: Record<PropertyKey, unknown>, key: PropertyKey, value: unknown): void {
  if (key === 'input') {
    // Validated input merges: each validator adds its parts to what the ones outside it established.
    const established = target.input
    if (
      typeof established === 'object' &&
      established !== null &&
      typeof value === 'object' &&
      value !== null
    ) {
      target.input = { ...established, ...value }
      return
    }
  }
  // Stryker disable next-line ConditionalExpression,LogicalOperator: speed only: defining an own or a new field is what assignment does, at a fraction of the cost; only a prototype getter needs defining
  if (key in target && !Object.hasOwn(target, key)) {
    Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true })
  } else target[key] = value
}
