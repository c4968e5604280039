import type { Context } from 'aws-lambda'
import type { Adapter } from '../../engine/adapter.js'
import { type InvocationRequest, RequestBase } from '../../engine/request.js'

/** A request for any event, read as is: the base for `wrap()` and for sources without an adapter. */
export interface RawRequest<TEvent = unknown> extends InvocationRequest<TEvent> {
  readonly kind: 'raw'
}

export type RawHandler<TEvent, TResult> = (event: TEvent, context: Context) => Promise<TResult>

/** Passes the event through untouched and returns the handler's result as the response. */
export function raw<TEvent = unknown, TResult = unknown>(): Adapter<
  RawRequest<TEvent>,
  RawHandler<TEvent, TResult>,
  TResult
> {
  return {
    name: 'raw',
    // Not an async function: the chain's own promise is handed on as is, without one more wrapped around it.
    run: (event, invocation, chain) => {
      try {
        return Promise.resolve(
          chain(new RequestBase(invocation, 'raw', event, undefined) as RawRequest<TEvent>),
        )
      } catch (error) {
        return Promise.reject(error)
      }
    },
  }
}
