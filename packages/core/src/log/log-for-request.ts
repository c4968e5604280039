import type { Context } from 'aws-lambda'
import { type LogLevel, writeLogLine } from './write-log-line.js'

/** What a line is about: a request, or anything that carries one's `log` and `context` (a call, a batch record). */
export interface LogTarget {
  /** A logger: the logger middleware's `request.log`, or anything with its `debug`/`info`/`warn`/`error`. */
  readonly log?: unknown
  /** For core's line: `function_name` and `function_request_id`. */
  readonly context?: Context | undefined
  /** For core's line: `record_id`, as the logger writes it for a record's request. */
  readonly recordId?: string | undefined
}

type LogMethod = (this: unknown, message: string, ...rest: unknown[]) => unknown

const methodNames = { DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' } as const

/**
 * One line about `target`, written the one way every package writes its own lines: through `target.log` when the
 * chain has the logger middleware (so the line has the logger's keys, level filter and redaction paths), else
 * through `otherwise` when given (a logger the caller was configured with), else as core's `writeLogLine`, with the
 * target's `record_id`. An `error` among `fields` goes where each writer puts errors, `log.error(message, error,
 * otherFields)` or the `error` key of core's line, so the line has the same shape either way. Never throws: a
 * logger that throws costs only itself, and core's writer writes the line instead.
 */
export function logForRequest(
  target: LogTarget | undefined,
  level: LogLevel,
  message: string,
  fields: Readonly<Record<string, unknown>> = {},
  otherwise?: object,
): void {
  const name = methodNames[level]
  const logger = loggerWith(target?.log, name) ?? loggerWith(otherwise, name)
  if (logger !== undefined) {
    try {
      const method = logger[name] as LogMethod
      if (level !== 'ERROR') method.call(logger, message, fields)
      else if (!Object.hasOwn(fields, 'error')) method.call(logger, message, undefined, fields)
      else {
        const { error, ...rest } = fields
        method.call(logger, message, error, rest)
      }
      return
    } catch {
      // Written by core's writer below.
    }
  }
  const recordId = target?.recordId
  writeLogLine(
    level,
    message,
    typeof recordId === 'string' ? { record_id: recordId, ...fields } : fields,
    target?.context,
  )
}

function loggerWith(candidate: unknown, name: string): Record<string, unknown> | undefined {
  if (typeof candidate !== 'object' || candidate === null) return undefined
  try {
    return typeof (candidate as Record<string, unknown>)[name] === 'function'
      ? (candidate as Record<string, unknown>)
      : undefined
  } catch {
    return undefined
  }
}
