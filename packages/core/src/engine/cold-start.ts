import { InitError } from '../errors/init-error.js'
import type { RuntimeMiddleware } from './compose.js'

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

/** A middleware with cold-start work, and its position in the chain. */
interface WithInit {
  readonly middleware: RuntimeMiddleware & { readonly init: () => unknown }
  readonly index: number
}

/** Starts every middleware's `init()` now (module load), all at once. */
export function startColdStart(middlewares: readonly RuntimeMiddleware[]): ColdStart {
  const states: unknown[] = middlewares.map(() => undefined)
  const withInit: WithInit[] = []
  middlewares.forEach((middleware, index) => {
    if (typeof middleware.init === 'function')
      withInit.push({ middleware: middleware as WithInit['middleware'], index })
  })
  // Stryker disable next-line ConditionalExpression: speed only: without inits there is no wait to wrap the chain in
  if (withInit.length === 0) return { states, ensureInitialised: undefined }

  // Fills in the states of the inits that are done; true when all are.
  const collect = (): boolean => {
    // Stryker disable next-line BooleanLiteral: speed only: never ready costs each warm invocation a pass over the inits
    let all = true
    for (const { middleware, index } of withInit) {
      const done = initStates.get(middleware)
      if (done === undefined) all = false
      else states[index] = done.state
    }
    return all
  }
  for (const { middleware } of withInit) attemptInit(middleware)
  let ready = collect()

  return {
    states,
    ensureInitialised() {
      // Stryker disable next-line ConditionalExpression: speed only: the pass below finds nothing to await either
      if (ready) return undefined
      const pending: Promise<unknown>[] = []
      for (const { middleware } of withInit) {
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

function attemptInit(middleware: WithInit['middleware']): Promise<unknown> | undefined {
  if (initStates.has(middleware)) return undefined
  let attempt = attempts.get(middleware)
  if (attempt === undefined) {
    attempt = Promise.resolve()
      .then(() => middleware.init())
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
