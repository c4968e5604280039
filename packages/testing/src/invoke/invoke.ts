import type { Context } from 'aws-lambda'
import { type ContextOptions, createContext } from '../context/context.js'

/**
 * Calls `handler` the way Lambda does, with `event` and a context, and resolves to what it returns.
 *
 * `context` may be a ready context (used as is) or the options of a new one; by default a fresh context
 * with 30 seconds remaining is made.
 */
export async function invoke<TEvent, TResult>(
  handler: (event: TEvent, context: Context) => TResult | Promise<TResult>,
  event: TEvent,
  context?: Context | ContextOptions,
): Promise<Awaited<TResult>> {
  return await handler(event, isContext(context) ? context : createContext(context))
}

export function isContext(value: Context | ContextOptions | undefined): value is Context {
  return (
    typeof value === 'object' &&
    'getRemainingTimeInMillis' in value &&
    typeof value.getRemainingTimeInMillis === 'function'
  )
}
