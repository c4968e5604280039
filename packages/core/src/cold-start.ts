import type { RuntimeMiddleware } from './compose.js'
import { InitError } from './errors/init-error.js'

// Keyed by the middleware object, so one instance shared by several handlers in a bundle initialises once.
const initStates = new WeakMap<RuntimeMiddleware, { readonly state: unknown }>()
const attempts = new WeakMap<RuntimeMiddleware, Promise<unknown>>()

export interface ColdStart {
  /** Each middleware's init state, by its position in the chain; filled as the inits finish. */
  readonly states: readonly unknown[]
  /**
   * What every invocation runs first: `undefined` once all inits are done (no await on the warm path), otherwise a
   * promise of the attempts in flight. A failed attempt rejects only those that awaited it; the next invocation
   * starts a new one, so a failure is never cached. `undefined` when no middleware has an `init()`.
   */
  readonly ensureInitialised: (() => Promise<void> | undefined) | undefined
}

/** Starts every middleware's `init()` now (module load), all at once. */
export function startColdStart(middlewares: readonly RuntimeMiddleware[]): ColdStart {
  const states: unknown[] = middlewares.map(() => undefined)
  // Stryker disable next-line ConditionalExpression,MethodExpression: an init-less middleware's attempt resolves at once and is never waited for
  const withInit = middlewares.filter((middleware) => typeof middleware.init === 'function')
  // Stryker disable next-line ConditionalExpression: without inits the first collect() is ready, and nothing is awaited either way
  if (withInit.length === 0) return { states, ensureInitialised: undefined }

  const collect = (): boolean => {
    // Stryker disable next-line BooleanLiteral: never ready only costs a check per invocation, which then finds nothing to await
    let all = true
    middlewares.forEach((middleware, index) => {
      const done = initStates.get(middleware)
      if (done !== undefined) states[index] = done.state
      // Stryker disable next-line ConditionalExpression: never ready only costs a check per invocation, which then finds nothing to await
      else if (typeof middleware.init === 'function') all = false
    })
    return all
  }
  for (const middleware of withInit) attemptInit(middleware)
  let ready = collect()

  return {
    states,
    ensureInitialised() {
      // Stryker disable next-line ConditionalExpression: the check below finds nothing to await and answers undefined too
      if (ready) return undefined
      const pending: Promise<unknown>[] = []
      for (const middleware of withInit) {
        const attempt = attemptInit(middleware)
        if (attempt !== undefined) pending.push(attempt)
      }
      if (pending.length === 0) {
        ready = collect()
        return undefined
      }
      return Promise.all(pending).then(() => {
        ready = collect()
      })
    },
  }
}

function attemptInit(middleware: RuntimeMiddleware): Promise<unknown> | undefined {
  if (initStates.has(middleware)) return undefined
  let attempt = attempts.get(middleware)
  if (attempt === undefined) {
    attempt = Promise.resolve()
      // Stryker disable next-line OptionalChaining: only middlewares with an init() get here
      .then(() => middleware.init?.())
      .then(
        (state: unknown) => {
          initStates.set(middleware, { state })
          attempts.delete(middleware)
        },
        (cause: unknown) => {
          attempts.delete(middleware)
          throw new InitError(middleware.name, cause)
        },
      )
    // The attempt started at module load may have nobody awaiting it; its failure is reported to those who do.
    attempt.catch(() => {})
    attempts.set(middleware, attempt)
  }
  return attempt
}
