import type { RuntimeMiddleware } from './compose.js'
import { InitError } from './errors/init-error.js'

// Keyed by the middleware object, so one instance shared by several handlers in a bundle initialises once.
const initialised = new WeakSet<RuntimeMiddleware>()
const attempts = new WeakMap<RuntimeMiddleware, Promise<void>>()

/**
 * Starts every middleware's `init()` now (module load), all at once, and returns the check each invocation runs:
 * `undefined` once all are done (no await on the warm path), otherwise a promise of the attempts in flight. A
 * failed attempt rejects only those that awaited it; the next invocation starts a new one, so a failure is never
 * cached. Returns no check at all when no middleware has an `init()`.
 */
export function startColdStart(
  middlewares: readonly RuntimeMiddleware[],
): (() => Promise<void> | undefined) | undefined {
  const withInit = middlewares.filter((middleware) => typeof middleware.init === 'function')
  if (withInit.length === 0) return undefined
  let ready = withInit.every((middleware) => initialised.has(middleware))
  for (const middleware of withInit) attemptInit(middleware)

  return function ensureInitialised() {
    if (ready) return undefined
    const pending: Promise<void>[] = []
    for (const middleware of withInit) {
      const attempt = attemptInit(middleware)
      if (attempt !== undefined) pending.push(attempt)
    }
    if (pending.length === 0) {
      ready = true
      return undefined
    }
    return Promise.all(pending).then(() => {
      ready = true
    })
  }
}

function attemptInit(middleware: RuntimeMiddleware): Promise<void> | undefined {
  if (initialised.has(middleware)) return undefined
  let attempt = attempts.get(middleware)
  if (attempt === undefined) {
    attempt = Promise.resolve()
      .then(() => middleware.init?.())
      .then(
        () => {
          initialised.add(middleware)
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
