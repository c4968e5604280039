import { TsumikiError } from './errors/tsumiki-error.js'

/** A middleware as the engine runs it, after `.use()` has checked its types. */
export interface RuntimeMiddleware {
  readonly name: string
  readonly init?: () => unknown
  readonly handle: (request: object, next: (added?: object) => unknown) => unknown
}

export type Step = (request: object) => unknown

/**
 * The whole engine: each middleware wraps the step inside it, once, when the handler is built. At run time a hop
 * is one call and one small closure; no promise is made unless a layer is asynchronous.
 */
export function compose(middlewares: readonly RuntimeMiddleware[], innermost: Step): Step {
  let chain = innermost
  for (let index = middlewares.length - 1; index >= 0; index--) {
    chain = link(middlewares[index] as RuntimeMiddleware, chain)
  }
  return chain
}

function link(middleware: RuntimeMiddleware, inner: Step): Step {
  return function step(request) {
    let called = false
    return middleware.handle(request, function next(added) {
      if (called) {
        throw new TsumikiError(
          'NEXT_CALLED_TWICE',
          `Middleware "${middleware.name}" called next() more than once`,
        )
      }
      called = true
      return inner(added === undefined ? request : addFields(request, added))
    })
  }
}

/**
 * Puts a middleware's fields on the request. The invocation's fields (`signal`, `context`...) are getters on the
 * request's prototype, which `Object.assign` cannot overwrite; those are defined on the request itself instead, so
 * a middleware may replace them too (e.g. a `signal` that also aborts on its own timeout).
 */
function addFields(request: object, added: object): object {
  try {
    return Object.assign(request, added)
  } catch {
    for (const [name, value] of Object.entries(added)) {
      Object.defineProperty(request, name, { value, writable: true, enumerable: true, configurable: true })
    }
    return request
  }
}
