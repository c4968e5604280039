import type { Callback, Context } from 'aws-lambda'
import { type RawRequest, raw } from '../adapters/raw/raw.js'
import type { RuntimeMiddleware } from './compose.js'
import { isPromiseLike } from './is-promise-like.js'
import { buildHandler, checkLambdaOptions, type LambdaOptions } from './lambda.js'
import type { Extend, Usable } from './middleware.js'
import type { InvocationRequest } from './request.js'

/** An existing handler with the middleware chain around it. Still a plain `(event, context)` handler. */
export interface WrappedHandler<TEvent, TResult, TRequest extends object = RawRequest<TEvent>> {
  (event: TEvent, context: Context): Promise<TResult>
  /** Adds a middleware around everything used after it (and the handler); returns a new handler. */
  use<Added extends object = {}, State = void, Needs extends object = TRequest>(
    middleware: Usable<TRequest, Needs, Added, State>,
  ): WrappedHandler<TEvent, TResult, Extend<TRequest, Added>>
}

/** A handler in the shape `@types/aws-lambda` declares them (`APIGatewayProxyHandlerV2`, `SQSHandler`...). */
export type CallbackHandler<TEvent, TResult> = (
  event: TEvent,
  context: Context,
  callback: Callback<TResult>,
  // biome-ignore lint/suspicious/noConfusingVoidType: the shape @types/aws-lambda gives its handler types
) => void | Promise<TResult>

// The request a wrapped handler's invocation runs with, for code inside the legacy handler (see currentRequest).
const requestsByContext = new WeakMap<Context, InvocationRequest>()

/**
 * Gives a handler that already exists the middleware chain, so a team adopts tsumiki one middleware at a time:
 * `export const handler = wrap(legacyHandler).use(logger())`. Takes plain `(event, context)` handlers and the
 * `@types/aws-lambda` handler types (with `callback`) alike; a handler that answers through `callback` is awaited.
 */
export function wrap<TEvent, TResult>(
  existing: (event: TEvent, context: Context) => TResult | Promise<TResult>,
  options?: LambdaOptions,
): WrappedHandler<TEvent, Awaited<TResult>>
export function wrap<TEvent, TResult>(
  existing: CallbackHandler<TEvent, TResult>,
  options?: LambdaOptions,
): WrappedHandler<TEvent, TResult>
export function wrap<TEvent, TResult>(
  existing: CallbackHandler<TEvent, TResult> | ((event: TEvent, context: Context) => unknown),
  options: LambdaOptions = {},
): WrappedHandler<TEvent, TResult> {
  checkLambdaOptions('wrap()', options)
  return wrapped(existing as CallbackHandler<TEvent, TResult>, options, [])
}

/**
 * The fields middleware packages add, by name, for code that reaches a wrapped request through `currentRequest()`.
 * Each package declares its own by declaration merging (@tsumiki/logger: `log`), so importing the package is all it
 * takes to have them typed. They are optional there: only the chain knows whether that middleware ran.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging, in the middleware packages
export interface WrappedRequestFields {}

/** A wrapped request as `currentRequest()` gives it: the fields packages declared, typed; any other, unknown. */
export type CurrentRequest = InvocationRequest &
  Partial<WrappedRequestFields> &
  Readonly<Record<string, unknown>>

/**
 * The request of the wrapped invocation that `context` belongs to, with every field the middlewares added: how code
 * inside a legacy handler reaches, say, the logger (`currentRequest(context)?.log`, a `Logger` once @tsumiki/logger
 * is imported). Undefined outside `wrap()`.
 */
export function currentRequest(context: Context): CurrentRequest | undefined {
  return requestsByContext.get(context) as CurrentRequest | undefined
}

function wrapped<TEvent, TResult, TRequest extends object>(
  existing: CallbackHandler<TEvent, TResult>,
  options: LambdaOptions,
  middlewares: readonly RuntimeMiddleware[],
): WrappedHandler<TEvent, TResult, TRequest> {
  const handler = buildHandler(raw<TEvent, TResult>(), options, middlewares, (request) => {
    const { event, context } = request as RawRequest<TEvent>
    if (typeof context === 'object' && context !== null)
      requestsByContext.set(context, request as InvocationRequest)
    return callExisting(existing, event, context)
  })
  return Object.assign(handler, {
    use(middleware: RuntimeMiddleware) {
      return wrapped(existing, options, [...middlewares, middleware])
    },
  }) as unknown as WrappedHandler<TEvent, TResult, TRequest>
}

/**
 * Calls a handler the way Lambda's Node runtime does: a returned promise is its answer; otherwise a handler that
 * declares a `callback` parameter answers through it, and one that does not answers with what it returned.
 */
function callExisting<TEvent, TResult>(
  existing: CallbackHandler<TEvent, TResult>,
  event: TEvent,
  context: Context,
): unknown {
  if (existing.length < 3) return existing(event, context, unusedCallback)
  return new Promise<unknown>((resolve, reject) => {
    const returned = existing(event, context, (error, result) => {
      if (error !== null && error !== undefined) reject(typeof error === 'string' ? new Error(error) : error)
      else resolve(result)
    })
    if (isPromiseLike(returned)) returned.then(resolve, reject)
  })
}

function unusedCallback(): void {}
