import type { Context } from 'aws-lambda'
import { writeLogLine } from '../log/write-log-line.js'

// Per request (one per invocation, or one per record): the failures already logged for it. Keyed by the request, not
// the error, so that one error shared by many records (the deadline's) is logged once for each, and a thrown string
// or frozen error, which cannot carry a mark, is still logged once.
const reportedByRequest = new WeakMap<object, unknown[]>()
// Errors logged with no request at hand.
const reportedErrors = new WeakSet<object>()

/**
 * Marks an error as already logged for `request`, so it is logged once however many layers see it. The logger
 * middleware calls this; adapters that turn an error into a response (HTTP 500, a failed record) log only unmarked
 * errors.
 */
export function markErrorReported(error: unknown, request?: object): void {
  if (request !== undefined) {
    const reported = reportedByRequest.get(request)
    if (reported === undefined) reportedByRequest.set(request, [error])
    else reported.push(error)
  } else if (typeof error === 'object' && error !== null) reportedErrors.add(error)
}

export function isErrorReported(error: unknown, request?: object): boolean {
  // A WeakMap has nothing under undefined, and a WeakSet answers false for a primitive.
  if (reportedByRequest.get(request as object)?.includes(error) === true) return true
  return reportedErrors.has(error as object)
}

/**
 * Last-resort report of an error that is about to be turned into a response or a failed record, when no logger
 * middleware has logged it: one line in @tsumiki/logger's format (see writeLogLine), with the record's id if any.
 */
export function reportUnhandledError(
  error: unknown,
  context: Context | undefined,
  message: string,
  request?: object,
  fields: Readonly<Record<string, unknown>> = {},
): void {
  if (isErrorReported(error, request)) return
  markErrorReported(error, request)
  writeLogLine('ERROR', message, { ...fields, error }, context)
}
