import type { Context } from 'aws-lambda'
import { type JsonReplacer, redactedJson } from './redacted-json.js'
import { writeStdoutLine } from './write-stdout.js'

export type LogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR'

/**
 * One JSON line on stdout in @tsumiki/logger's format (`timestamp`, `level`, `message`, `function_name`,
 * `function_request_id`, then `fields`), for what tsumiki must say when no logger middleware is in the chain: an
 * unhandled error, a failed record, a warning. Registered sensitive values are redacted (see `redactedJson`: data
 * registered whole is `"[REDACTED]"` whole); errors are written with name, message, code, stack and cause. Never
 * throws: a log line is not worth failing an invocation for.
 */
export function writeLogLine(
  level: LogLevel,
  message: string,
  fields: Readonly<Record<string, unknown>> = {},
  context?: Context,
): void {
  const line: Record<string, unknown> = { timestamp: new Date().toISOString(), level, message }
  const functionName = stringField(context, 'functionName')
  if (functionName !== undefined) line.function_name = functionName
  const requestId = stringField(context, 'awsRequestId')
  if (requestId !== undefined) line.function_request_id = requestId
  for (const [key, value] of Object.entries(fields)) {
    if (!Object.hasOwn(line, key)) line[key] = value
  }
  let text: string | undefined
  try {
    text = redactedJson(line, jsonValue())
  } catch (error) {
    text = redactedJson({ timestamp: line.timestamp, level, message, log_error: String(error) })
  }
  write(`${text}\n`)
}

function stringField(
  context: Context | undefined,
  name: 'functionName' | 'awsRequestId',
): string | undefined {
  try {
    // Stryker disable next-line OptionalChaining: without a context the catch below answers undefined just the same
    const value = context?.[name]
    return typeof value === 'string' ? value : undefined
    // Stryker disable next-line BlockStatement: an empty catch answers undefined too
  } catch {
    return undefined
  }
}

/** A replacer that writes errors as objects, bigints as strings and cycles as `[Circular]`. */
function jsonValue(): JsonReplacer {
  const seen = new WeakSet<object>()
  return function replace(_key, value) {
    if (typeof value === 'bigint') return value.toString()
    if (typeof value !== 'object' || value === null) return value
    if (seen.has(value)) return '[Circular]'
    seen.add(value)
    return value instanceof Error ? errorFields(value) : value
  }
}

function errorFields(error: Error): Record<string, unknown> {
  const fields: Record<string, unknown> = { name: error.name, message: error.message }
  const code = (error as { code?: unknown }).code
  if (typeof code === 'string') fields.code = code
  // Stryker disable next-line ConditionalExpression: JSON leaves an undefined field out either way
  if (error.stack !== undefined) fields.stack = error.stack
  // Stryker disable next-line ConditionalExpression: JSON leaves an undefined field out either way
  if (error.cause !== undefined) fields.cause = error.cause
  return fields
}

/** Where tsumiki's log lines go: stdout, synchronously, unless a test captures them (see `setLogWriter`). */
export type LogWriter = (line: string) => void

// Global, so that every copy of every package (ESM and CJS side by side) writes to the same place.
const writerKey = Symbol.for('tsumiki.log-writer')
type GlobalWithWriter = typeof globalThis & { [writerKey]?: LogWriter }

/**
 * Sends every line tsumiki writes (this fallback's and @tsumiki/logger's) to `writer` instead of stdout, until the
 * returned function restores the previous writer. For tests: `captureLogs()` in @tsumiki/testing uses it.
 */
export function setLogWriter(writer: LogWriter | undefined): () => void {
  const holder = globalThis as GlobalWithWriter
  const previous = holder[writerKey]
  holder[writerKey] = writer
  return () => {
    holder[writerKey] = previous
  }
}

/** The writer in force: a captured one, or stdout (`writeStdoutLine`: whole lines, never torn). */
export function logWriter(): LogWriter {
  return capturedLogWriter() ?? writeStdoutLine
}

/** The writer `setLogWriter` set, or `undefined` when lines go to stdout. */
export function capturedLogWriter(): LogWriter | undefined {
  return (globalThis as GlobalWithWriter)[writerKey]
}

function write(line: string): void {
  try {
    logWriter()(line)
  } catch {
    // A writer that throws must not fail the invocation.
  }
}
