/**
 * True for anything `await` would wait on: native promises and the thenables query builders and ORMs return. The
 * engine, the deadline guard, the logger, validation and batch all ask this one question the same way.
 */
export function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return (
    value !== null &&
    (typeof value === 'object' || typeof value === 'function') &&
    typeof (value as { then?: unknown }).then === 'function'
  )
}
