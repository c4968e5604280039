import type { Awaitable } from '../engine/awaitable.js'

/** A class of errors `onError()` maps: any constructor, abstract ones included, whatever its arguments. */
export type ErrorClass<TError> = abstract new (...args: never[]) => TError

/** Turns an error of one class into the answer the client gets (usually a `reply()`), or rethrows. */
export type ErrorAnswer<TError, TRequest> = (error: TError, request: TRequest) => Awaitable<unknown>

export interface ErrorMapping {
  readonly errorClass: ErrorClass<unknown>
  readonly answer: ErrorAnswer<unknown, object>
}

/**
 * The answer of the first mapping whose class the error is an instance of (the routes' own router first, then
 * the routers it is mounted in, each in the order of its `onError()` calls); an error no mapping claims is
 * thrown on as it was, to the chain's middlewares and then the HTTP adapter (4xx for an `HttpError`, else 500).
 */
export function answerError(mappings: readonly ErrorMapping[], error: unknown, request: object): unknown {
  for (let index = 0; index < mappings.length; index++) {
    const mapping = mappings[index] as ErrorMapping
    if (error instanceof mapping.errorClass) return mapping.answer(error, request)
  }
  throw error
}
