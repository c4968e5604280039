import { type InvocationRequest, writeLogLine } from '@tsumiki/core'

/** Where a call's log lines go: the chain's logger (`request.log`), if any, and the invocation's context. */
export interface CallLogTarget {
  readonly log: unknown
  readonly context: InvocationRequest['context'] | undefined
}

type LogMethod = (message: string, fields?: Record<string, unknown>) => void

/**
 * Says what a call's caller is not told (a claim it could not release, or lost): to the request's logger when the
 * chain has one, else as core's log line (stdout, in the logger's format). The record is named by its id, whose key
 * part is a hash: the raw key may be an order number or an email, and never reaches a log line. Never throws: a
 * logger that does must not turn the call's outcome into its error; its line goes to core's writer instead.
 */
export function logCall(
  target: CallLogTarget,
  level: 'WARN' | 'ERROR',
  message: string,
  fields: Record<string, unknown>,
): void {
  const { log } = target
  const method =
    typeof log === 'object' && log !== null
      ? (log as Partial<Record<'warn' | 'error', unknown>>)[level === 'WARN' ? 'warn' : 'error']
      : undefined
  if (typeof method === 'function') {
    try {
      ;(method as LogMethod).call(log, message, fields)
      return
    } catch {
      // Written below instead.
    }
  }
  writeLogLine(level, message, fields, target.context)
}
