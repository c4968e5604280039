import type { Context } from 'aws-lambda'
import { checkOptions } from '../options/check-options.js'
import { anyOf, milliseconds, oneOf } from '../options/option-rules.js'
import { withoutSensitiveValues } from '../sensitive/without-sensitive-values.js'
import type { Adapter, AnyLambdaHandler, Chain } from './adapter.js'
import type { Awaitable } from './awaitable.js'
import { afterInits } from './chain-depth.js'
import { startColdStart } from './cold-start.js'
import { compose, type RuntimeMiddleware, type Step } from './compose.js'
import { Invocation } from './invocation.js'
import type { Extend, Usable } from './middleware.js'
import type { InvocationRequest } from './request.js'

export interface LambdaOptions {
  /**
   * How long before Lambda's timeout the deadline guard aborts `request.signal` and fails whatever is still
   * running (an init, a middleware, the handler) with `DeadlineExceededError`, leaving that much time to answer and
   * flush logs. `false` turns the guard off. Default 500 ms.
   */
  readonly deadlineMarginMs?: number | false | undefined
}

export const defaultDeadlineMarginMs = 500

/** A chain under construction. Immutable: every `.use()` returns a new builder, so a base chain can be shared. */
export interface LambdaBuilder<TRequest extends object, THandler extends AnyLambdaHandler, TOutput> {
  /** Adds a middleware around everything used after it. The request type grows by what it adds. */
  use<Added extends object = {}, State = void, Needs extends object = TRequest>(
    middleware: Usable<TRequest, Needs, Added, State>,
  ): LambdaBuilder<Extend<TRequest, Added>, THandler, TOutput>
  /** Ends the chain with the handler and returns the Lambda handler. Starts the middlewares' cold-start inits. */
  handle(handler: (request: TRequest) => Awaitable<TOutput>): THandler
}

/**
 * Starts a handler for one event source:
 * `export const handler = lambda(http()).use(logger()).handle((req) => ...)`.
 */
export function lambda<TRequest extends InvocationRequest, THandler extends AnyLambdaHandler, TOutput>(
  adapter: Adapter<TRequest, THandler, TOutput>,
  options: LambdaOptions = {},
): LambdaBuilder<TRequest, THandler, TOutput> {
  checkLambdaOptions('lambda()', options)
  return builder(adapter, options, [])
}

function builder<TRequest extends InvocationRequest, THandler extends AnyLambdaHandler, TOutput>(
  adapter: Adapter<TRequest, THandler, TOutput>,
  options: LambdaOptions,
  middlewares: readonly RuntimeMiddleware[],
): LambdaBuilder<TRequest, THandler, TOutput> {
  return {
    use(middleware) {
      const extended = builder(adapter, options, [...middlewares, middleware as unknown as RuntimeMiddleware])
      // The adapter still makes the same requests; the middleware puts its fields on them as they pass.
      return extended as never
    },
    handle(handler) {
      return buildHandler(adapter, options, middlewares, handler as Step)
    },
  }
}

export function checkLambdaOptions(where: string, options: LambdaOptions | undefined): void {
  checkOptions<LambdaOptions>(where, options, { deadlineMarginMs: anyOf(milliseconds, oneOf(false)) })
}

/** Wires the adapter, the composed chain, the cold-start inits and the deadline guard into a Lambda handler. */
export function buildHandler<TRequest extends InvocationRequest, THandler extends AnyLambdaHandler, TOutput>(
  adapter: Adapter<TRequest, THandler, TOutput>,
  options: LambdaOptions,
  middlewares: readonly RuntimeMiddleware[],
  handler: Step,
): THandler {
  const marginMs = options.deadlineMarginMs ?? defaultDeadlineMarginMs
  const inits = startColdStart(middlewares)
  const entry = afterInits(inits, compose(middlewares, inits.states, handler)) as Chain<TRequest, TOutput>

  let coldStart = true
  // The output is a rest parameter: the runtime client reads a handler of three parameters as a callback handler.
  const lambdaHandler = async function tsumikiHandler(event: never, context: Context, ...output: unknown[]) {
    const invocation = new Invocation(context, coldStart, marginMs)
    coldStart = false
    try {
      let response: unknown
      try {
        response = await adapter.run(event, invocation, entry, output[0])
      } catch (error) {
        const ending = invocation.end(true, error)
        if (ending !== undefined) await ending
        // The runtime prints what it is handed (message, stack, fields) to CloudWatch, past every log writer of ours.
        throw withoutSensitiveValues(error)
      }
      // The answer is ready: what middlewares left for the end (a metrics flush) runs before it goes back.
      const ending = invocation.end(false, undefined)
      if (ending !== undefined) await ending
      return response
    } finally {
      invocation.dispose()
    }
  }
  return adapter.lambdaHandler?.(lambdaHandler) ?? (lambdaHandler as unknown as THandler)
}
