import type { Context } from 'aws-lambda'
import { type RawRequest, raw } from './adapters/raw.js'
import type { RuntimeMiddleware } from './compose.js'
import { buildHandler, type LambdaOptions } from './lambda.js'
import type { Extend, Middleware } from './middleware.js'

/** An existing handler with the middleware chain around it. Still a plain `(event, context)` handler. */
export interface WrappedHandler<TEvent, TResult, TRequest extends object = RawRequest<TEvent>> {
  (event: TEvent, context: Context): Promise<TResult>
  /** Adds a middleware around everything used after it (and the handler); returns a new handler. */
  use<Added extends object>(
    middleware: Middleware<TRequest, Added>,
  ): WrappedHandler<TEvent, TResult, Extend<TRequest, Added>>
}

/**
 * Gives a handler that already exists the middleware chain, so a team adopts tsumiki one middleware at a time:
 * `export const handler = wrap(legacyHandler).use(logger())`.
 */
export function wrap<TEvent, TResult>(
  existing: (event: TEvent, context: Context) => TResult | Promise<TResult>,
  options: LambdaOptions = {},
): WrappedHandler<TEvent, Awaited<TResult>> {
  return wrapped(existing, options, [])
}

function wrapped<TEvent, TResult, TRequest extends object>(
  existing: (event: TEvent, context: Context) => unknown,
  options: LambdaOptions,
  middlewares: readonly RuntimeMiddleware[],
): WrappedHandler<TEvent, TResult, TRequest> {
  const handler = buildHandler(raw<TEvent, TResult>(), options, middlewares, (request) => {
    const { event, context } = request as RawRequest<TEvent>
    return existing(event, context)
  })
  return Object.assign(handler, {
    use<Added extends object>(middleware: Middleware<TRequest, Added>) {
      return wrapped<TEvent, TResult, Extend<TRequest, Added>>(existing, options, [
        ...middlewares,
        middleware as unknown as RuntimeMiddleware,
      ])
    },
  })
}
