import { writeLogLine } from '@tsumiki/core'

/** Where the store's warnings go: `request.log` when the logger middleware is in the chain, else this. */
export interface WarningLog {
  warn(message: string, fields?: Readonly<Record<string, unknown>>): void
}

/** The request's logger, if the chain has one (the logger middleware adds `log`). */
export function requestLog(request: object): WarningLog | undefined {
  const log = (request as { log?: unknown }).log
  return typeof log === 'object' && log !== null && typeof (log as WarningLog).warn === 'function'
    ? (log as WarningLog)
    : undefined
}

/** A warning line without a request logger, in the logger's format. Messages name parameters, never values. */
export const fallbackWarningLog: WarningLog = {
  warn(message, fields) {
    writeLogLine('WARN', message, fields)
  },
}
