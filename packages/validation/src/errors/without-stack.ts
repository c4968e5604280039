/**
 * Makes an error without capturing a stack trace. A client's invalid input has no use for one (it would only
 * show this package's frames), and capturing it costs more than the whole validation: ~5 µs against ~1 µs,
 * more with source maps enabled. Errors are created synchronously, so the limit is restored before anything else
 * can run.
 */
export function withoutStack<TError>(make: () => TError): TError {
  const limit = Error.stackTraceLimit
  Error.stackTraceLimit = 0
  try {
    return make()
  } finally {
    Error.stackTraceLimit = limit
  }
}
