/** A value a step may return directly (sync fast path) or as a promise or other thenable. */
export type Awaitable<T> = T | PromiseLike<T>
