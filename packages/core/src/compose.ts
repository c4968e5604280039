import { TsumikiError } from './errors/tsumiki-error.js'

/** A middleware as the engine runs it, after `.use()` has checked its types. */
export interface RuntimeMiddleware {
  readonly name: string
  readonly init?: () => unknown
  readonly handle: (request: object, next: (added?: object) => unknown) => unknown
}

export type Step = (request: object) => unknown

/**
 * The whole engine, built once per handler: layer `index` calls its middleware with the request and a `next` that
 * enters layer `index + 1` (or, past the last one, the innermost step). At run time a hop is one call into the
 * middleware and one small closure, `next`; no promise is made unless a layer is asynchronous. With no middleware
 * the chain is the innermost step itself.
 */
export function compose(middlewares: readonly RuntimeMiddleware[], innermost: Step): Step {
  const count = middlewares.length
  if (count === 0) return innermost
  const layers = [...middlewares]
  const handles = layers.map((middleware) => middleware.handle)

  function enter(index: number, request: object): unknown {
    // What this layer hands on until next() is called, then `undefined`, so that a second call fails. One variable,
    // not the request and a flag: the closure is the only allocation a hop makes, and the smaller the better.
    let pending: object | undefined = request
    const handle = handles[index] as RuntimeMiddleware['handle']
    return handle.call(layers[index], request, (added?: object) => {
      const current = pending
      if (current === undefined) throw nextCalledTwice(layers[index] as RuntimeMiddleware)
      pending = undefined
      const passed = added === undefined ? current : addFields(current, added)
      const inner = index + 1
      return inner === count ? innermost(passed) : enter(inner, passed)
    })
  }

  return function chain(request) {
    return enter(0, request)
  }
}

function nextCalledTwice(middleware: RuntimeMiddleware): TsumikiError {
  return new TsumikiError('NEXT_CALLED_TWICE', `Middleware "${middleware.name}" called next() more than once`)
}

/**
 * Puts a middleware's fields on the request. Many request fields are getters on the request's prototype (the
 * invocation's `signal` and `context`, HTTP's lazily parsed `headers` and `body`), which plain assignment cannot
 * overwrite: those are defined on the request itself instead, so a middleware may replace them (validation puts
 * the parsed `body` there). Checking first costs nanoseconds; letting the assignment throw would cost microseconds.
 */
function addFields(request: object, added: object): object {
  // What Object.assign does, own enumerable string keys then symbols, at a fraction of its cost on a class
  // instance: for...in over a fresh literal reads V8's enum cache and makes no array.
  const target = request as Record<PropertyKey, unknown>
  const source = added as Record<PropertyKey, unknown>
  for (const name in source) if (Object.hasOwn(source, name)) setField(target, name, source[name])
  const symbols = Object.getOwnPropertySymbols(source)
  for (let index = 0; index < symbols.length; index++) {
    const symbol = symbols[index] as symbol
    if (Object.prototype.propertyIsEnumerable.call(source, symbol)) setField(target, symbol, source[symbol])
  }
  return request
}

function setField(target: Record<PropertyKey, unknown>, key: PropertyKey, value: unknown): void {
  if (key in target && !Object.hasOwn(target, key)) {
    Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true })
  } else target[key] = value
}
