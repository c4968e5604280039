import type { Context } from 'aws-lambda'
import type { Awaitable } from './awaitable.js'
import type { Invocation } from './invocation.js'
import type { InvocationRequest } from './request.js'

/** Any Lambda handler an adapter can produce: the event and context in, a promise of the response out. */
export type AnyLambdaHandler = (event: never, context: Context) => Promise<unknown>

export type EventOf<THandler> = THandler extends (event: infer TEvent, context: Context) => unknown
  ? TEvent
  : never
export type ResponseOf<THandler> = THandler extends (
  event: never,
  context: Context,
) => Promise<infer TResponse>
  ? TResponse
  : never

/** The composed middlewares and handler, run for one request. */
export type Chain<TRequest, TOutput> = (request: TRequest) => Awaitable<TOutput>

/**
 * Turns one event source's raw event into request(s) for the chain, and the chain's result(s) into what that
 * source expects back. One request per invocation (HTTP, EventBridge) or one per record (SQS, S3...), run in
 * whatever order and concurrency the source needs.
 *
 * `THandler` is the handler type `lambda(adapter).handle()` returns: a named interface per source, so a user's
 * exported handler is nameable in a `.d.ts`.
 */
export interface Adapter<
  TRequest extends InvocationRequest,
  THandler extends AnyLambdaHandler,
  TOutput = unknown,
> {
  readonly name: string
  readonly run: (
    event: EventOf<THandler>,
    invocation: Invocation,
    chain: Chain<TRequest, TOutput>,
  ) => Promise<ResponseOf<THandler>>
}
