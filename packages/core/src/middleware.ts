import type { Awaitable } from './awaitable.js'
import type { InvocationRequest } from './request.js'

/**
 * How a middleware hands over to the rest of the chain. It passes what it adds to the request (and nothing when it
 * adds nothing); the engine puts those fields on the request the inner layers and the handler receive. It returns
 * what the inner layers returned, or throws what they threw: `await` it to run code after them or to catch.
 */
export type Next<Added extends object> = [keyof Added] extends [never]
  ? () => unknown
  : (added: Added) => unknown

/**
 * An onion-style middleware. `Needs` is what it reads from the request (a chain whose request lacks it does not
 * compile); `Added` is what it puts there for the layers inside it (it replaces fields of the same name).
 */
export interface Middleware<Needs extends object = InvocationRequest, Added extends object = {}> {
  /** Shows in errors and profiles. */
  readonly name: string
  /**
   * Cold-start work (SDK clients, prefetching configuration): started once when the handler is built at module
   * load, concurrently with the other middlewares' inits, and awaited by the first invocation. A failed init fails
   * the invocations that awaited it and is tried again by the next one.
   */
  readonly init?: () => Awaitable<void>
  readonly handle: (request: Needs, next: Next<Added>) => unknown
}

/** The request type after a middleware added (or replaced) fields. Kept shallow so `.d.ts` files stay readable. */
export type Extend<Request, Added> = [keyof Added] extends [never]
  ? Request
  : [keyof Added & keyof Request] extends [never]
    ? Request & Added
    : Omit<Request, keyof Added> & Added

/**
 * Declares a middleware with its types spelled once:
 * `middleware<HttpRequest, { user: User }>({ name: 'auth', handle: (req, next) => next({ user: ... }) })`.
 */
export function middleware<Needs extends object = InvocationRequest, Added extends object = {}>(
  definition: Middleware<Needs, Added>,
): Middleware<Needs, Added> {
  return definition
}
