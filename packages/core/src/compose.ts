import { TsumikiError } from './errors/tsumiki-error.js'
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

  function guardedInnermost(request: object): unknown {
    return invocationOf(request).guard(innermost(request), count)
  }

  function enter(index: number, request: object): unknown {
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
        return inner === count ? guardedInnermost(passed) : enter(inner, passed)
      },
      states[index],
    )
    return invocationOf(request).guard(result, index)
  }

  if (count === 0) return guardedInnermost
  return function chain(request) {
    return enter(0, request)
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
  const symbols = Object.getOwnPropertySymbols(source)
  // Stryker disable next-line EqualityOperator: one step past the end reads the key 'undefined', already copied above
  for (let index = 0; index < symbols.length; index++) {
    const symbol = symbols[index] as symbol
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
  // Stryker disable next-line ConditionalExpression,LogicalOperator: defining an own or a new field is what assignment does; only a prototype getter needs it
  if (key in target && !Object.hasOwn(target, key)) {
    Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true })
  } else target[key] = value
}
