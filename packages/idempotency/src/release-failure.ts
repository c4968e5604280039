import { type InvocationRequest, writeLogLine } from '@tsumiki/core'

/** Something with a logger's `error` method: the logger middleware's `request.log`. */
interface ErrorLog {
  error(message: string, fields?: Record<string, unknown>): void
}

/**
 * Reports that a failed call's claim could not be deleted, to the request's logger when it has one, else as core's
 * log line. The call's own error is what the caller sees; this one must not be lost either.
 */
export function reportReleaseFailure(
  error: unknown,
  id: string,
  log: unknown,
  context: InvocationRequest['context'] | undefined,
): void {
  const message = 'Could not release an idempotency claim; it runs out at its in-progress deadline'
  const fields = { idempotency_record: id, error }
  if (isErrorLog(log)) log.error(message, fields)
  else writeLogLine('ERROR', message, fields, context)
}

function isErrorLog(log: unknown): log is ErrorLog {
  return typeof log === 'object' && log !== null && typeof (log as Partial<ErrorLog>).error === 'function'
}
