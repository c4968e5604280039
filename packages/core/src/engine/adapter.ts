import type { Context } from 'aws-lambda'
import type { Awaitable } from './awaitable.js'
import type { Invocation } from './invocation.js'
import type { InvocationRequest } from './request.js'

/**
 * Any Lambda handler an adapter can produce: the event first, a promise of the response out. Most take
 * `(event, context)`; a response-streaming handler takes `(event, responseStream, context)`.
 */
export type AnyLambdaHandler = (event: never, context: never, ...rest: never[]) => Promise<unknown>

export type EventOf<THandler> = THandler extends (event: infer TEvent, ...rest: never[]) => unknown
  ? TEvent
  : never
export type ResponseOf<THandler> = THandler extends (
  event: never,
  ...rest: never[]
) => Promise<infer TResponse>
  ? TResponse
  : never

/**
 * The handler `lambda()` builds, as an adapter that exposes another shape receives it: `output` is whatever that
 * adapter passes (the response stream), handed on to its `run`.
 */
export type BuiltHandler = (event: never, context: Context, output?: unknown) => Promise<unknown>

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
    output?: unknown,
  ) => Promise<ResponseOf<THandler>>
  /**
   * For a handler Lambda does not call as `(event, context)` (response streaming's `(event, responseStream,
   * context)`): makes the function Lambda calls from the one `lambda()` built. What it passes as that function's
   * `output` reaches `run`. Left out: the built handler is the Lambda handler.
   */
  readonly lambdaHandler?: (built: BuiltHandler) => THandler
}
