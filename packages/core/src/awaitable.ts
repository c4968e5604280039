/** A value a step may return directly (sync fast path) or as a promise. */
export type Awaitable<T> = T | Promise<T>
