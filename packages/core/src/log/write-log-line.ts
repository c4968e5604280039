import type { Context } from 'aws-lambda'
import { sensitivePattern } from '../sensitive/sensitive-values.js'
import { describeThrown } from './error-fields.js'
import { isoNow } from './iso-now.js'
import { jsonString } from './json-string.js'
import type { ReservedKeys } from './reserved-keys.js'
import { safeJsonMembers } from './safe-json.js'
import { writeStdoutLine } from './write-stdout.js'

export type LogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR'

/**
 * One JSON line in @tsumiki/logger's format (`timestamp`, `level`, `message`, `function_name`,
 * `function_request_id`, then `fields`), for what tsumiki must say when no logger middleware is in the chain: an
 * unhandled error, a failed record, a warning. Written by the logger's own serialiser, so a value looks the same
 * with and without the logger: errors with name, message, code, stack, their own fields and the cause chain;
 * registered sensitive values redacted (data registered whole is `"[REDACTED]"` whole); cycles, BigInts, Maps,
 * depth and size limits as the logger writes them. A field named like a key the line has is written
 * `field_<name>`. Never throws: a log line is not worth failing an invocation for.
 */
export function writeLogLine(
  level: LogLevel,
  message: string,
  fields: Readonly<Record<string, unknown>> = {},
  context?: Context,
): void {
  try {
    const pattern = sensitivePattern()
    const reserved: Record<string, true> = Object.create(null)
    reserved.timestamp = reserved.level = reserved.message = true
    let line = `{"timestamp":"${isoNow()}","level":"${level}","message":${jsonString(textOf(message), pattern)}`
    const functionName = stringField(context, 'functionName')
    if (functionName !== undefined) {
      line += `,"function_name":${jsonString(functionName, pattern)}`
      reserved.function_name = true
    }
    const requestId = stringField(context, 'awsRequestId')
    if (requestId !== undefined) {
      line += `,"function_request_id":${jsonString(requestId, pattern)}`
      reserved.function_request_id = true
    }
    writeLine(`${line}${safeJsonMembers(fields, undefined, pattern, reserved as ReservedKeys)}}\n`)
  } catch {
    // Reached only when the clock, the registry or the writer itself fails: nothing is left to tell.
  }
}

function textOf(message: unknown): string {
  return typeof message === 'string' ? message : describeThrown(message)
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

/**
 * Sends one finished line (JSON ending in `\n`) to the writer in force: the one writer of every line tsumiki
 * writes, core's and @tsumiki/logger's. Never throws: a writer that does must not fail the invocation.
 */
export function writeLine(line: string): void {
  try {
    logWriter()(line)
  } catch {}
}
