import type { Context } from 'aws-lambda'

const reportedMark = Symbol.for('tsumiki.error-reported')

/**
 * Marks an error as already logged, so it is logged once however many layers see it. The logger middleware calls
 * this; adapters that turn an error into a response (HTTP 500, a failed batch record) log only unmarked errors.
 */
export function markErrorReported(error: unknown): void {
  if (typeof error === 'object' && error !== null && Object.isExtensible(error)) {
    Object.defineProperty(error, reportedMark, { value: true, configurable: true })
  }
}

export function isErrorReported(error: unknown): boolean {
  return typeof error === 'object' && error !== null && reportedMark in error
}

/**
 * Last-resort report of an error that is about to be turned into a response, when no logger middleware has
 * logged it: one JSON line on stderr with the request id, in the shape Lambda's own JSON logs use.
 */
export function reportUnhandledError(error: unknown, context: Context | undefined, message: string): void {
  if (isErrorReported(error)) return
  markErrorReported(error)
  const line = {
    timestamp: new Date().toISOString(),
    level: 'ERROR',
    message,
    requestId: context?.awsRequestId,
    error: serializeForReport(error),
  }
  try {
    process.stderr.write(`${JSON.stringify(line)}\n`)
  } catch {
    process.stderr.write(`${JSON.stringify({ level: 'ERROR', message, requestId: context?.awsRequestId })}\n`)
  }
}

function serializeForReport(error: unknown, depth = 0): unknown {
  if (!(error instanceof Error)) return { message: String(error) }
  return {
    name: error.name,
    message: error.message,
    stack: error.stack,
    ...('code' in error && typeof error.code === 'string' ? { code: error.code } : {}),
    ...(error.cause !== undefined && depth < 5 ? { cause: serializeForReport(error.cause, depth + 1) } : {}),
  }
}
