import {
  activeTraceIds,
  describeThrown,
  isErrorLike,
  isoNow,
  jsonString,
  markErrorReported,
  type RedactState,
  safeJsonMembers,
  xRayTraceIdOf,
} from '@tsumiki/core'
import type { LogFields } from '../config/resolve-config.js'
import { type LineLevel, type LogLevel, levelFragments, levelValues } from './levels.js'
import {
  type ContextEntry,
  entriesJson,
  errorJson,
  keysJson,
  messageText,
  reservedStandard,
  reservedWithError,
  sensitiveState,
} from './line-json.js'
import { hasAnyKey, mergeKeys, overlaps } from './log-keys.js'
import type { InvocationKeys, LambdaContextLike, Logger } from './logger.js'
import { drawSample } from './sampling.js'

/** What every logger made from one `createLogger()` shares: settings fixed at module load. */
export interface SharedSettings {
  readonly write: (line: string) => void
  readonly redact: RedactState | undefined
  readonly sampleRate: number
  /** The level of a sampled invocation: debug, or Lambda's level when that is higher. */
  readonly sampledLevel: LogLevel
}

let coldStartTaken = false

export class TsumikiLogger implements Logger {
  readonly level: LogLevel
  readonly correlationId: string | undefined
  readonly #shared: SharedSettings
  readonly #threshold: number
  // The context entries are this logger's own after its parent's: a derived logger shares, never copies, them.
  readonly #parent: TsumikiLogger | undefined
  readonly #entries: readonly ContextEntry[]
  #keys: LogFields
  #hasKeys: boolean
  // The line between the message and the fields, made once per logger (and again if a secret is registered).
  #contextJson = ''
  #keysJson = ''
  #builtForVersion = -1
  /**
   * The request this logger logs for, when the logger middleware made it: errors it logs are marked as reported for
   * that request only, so one error shared by several records (the deadline's) is still logged for each of them.
   */
  reportingFor: object | undefined

  constructor(
    shared: SharedSettings,
    level: LogLevel,
    parent: TsumikiLogger | undefined,
    entries: readonly ContextEntry[],
    keys: LogFields,
    correlationId: string | undefined,
  ) {
    this.#shared = shared
    this.level = level
    this.#threshold = levelValues[level]
    this.#parent = parent
    this.#entries = entries
    this.#keys = keys
    this.#hasKeys = parent !== undefined && keys === parent.#keys ? parent.#hasKeys : hasAnyKey(keys)
    this.correlationId = correlationId
  }

  isLevelEnabled(level: LineLevel): boolean {
    return levelValues[level] >= this.#threshold
  }

  trace(message: string, fields?: LogFields): void {
    if (this.#threshold <= levelValues.trace) this.#emit('trace', message, undefined, false, fields)
  }

  debug(message: string, fields?: LogFields): void {
    if (this.#threshold <= levelValues.debug) this.#emit('debug', message, undefined, false, fields)
  }

  info(message: string, fields?: LogFields): void {
    if (this.#threshold <= levelValues.info) this.#emit('info', message, undefined, false, fields)
  }

  warn(message: string, fields?: LogFields): void {
    if (this.#threshold <= levelValues.warn) this.#emit('warn', message, undefined, false, fields)
  }

  error(message: string, error?: unknown, fields?: LogFields): void {
    if (this.#threshold <= levelValues.error) this.#emitError('error', message, error, fields)
  }

  fatal(message: string, error?: unknown, fields?: LogFields): void {
    if (this.#threshold <= levelValues.fatal) this.#emitError('fatal', message, error, fields)
  }

  child(keys: LogFields): Logger {
    return this.#derive([], mergeKeys(this.#keys, keys), this.level, this.correlationId)
  }

  appendKeys(keys: LogFields): void {
    this.#keys = mergeKeys(this.#keys, keys)
    this.#hasKeys = hasAnyKey(this.#keys)
    this.#builtForVersion = -1
  }

  forInvocation(context: LambdaContextLike | undefined, keys: InvocationKeys = {}): Logger {
    const coldStart = readField(keys, 'coldStart')
    return this.invocationLogger(
      context,
      typeof coldStart === 'boolean' ? coldStart : takeColdStart(),
      readString(keys, 'correlationId'),
      readString(keys, 'recordId'),
    )
  }

  /**
   * The logger of one invocation: the context keys and one sampling draw, and the request's keys when the
   * invocation is one request. Records of a batch share one (through `requestLogger`), so an invocation is sampled
   * whole. Not part of `Logger`: the middleware's building block.
   */
  invocationLogger(
    context: LambdaContextLike | undefined,
    coldStart: boolean,
    correlationId?: string,
    recordId?: string,
  ): TsumikiLogger {
    const entries: ContextEntry[] = []
    addEntry(entries, 'function_name', readString(context, 'functionName'))
    addEntry(entries, 'function_version', readString(context, 'functionVersion'))
    addEntry(entries, 'function_request_id', readString(context, 'awsRequestId'))
    entries.push(['cold_start', coldStart])
    addEntry(entries, 'xray_trace_id', xRayTraceIdOf(context))
    addEntry(entries, 'correlation_id', correlationId)
    addEntry(entries, 'record_id', recordId)
    const { sampleRate, sampledLevel } = this.#shared
    const level =
      drawSample(sampleRate) && levelValues[sampledLevel] < this.#threshold ? sampledLevel : this.level
    return this.#derive(entries, this.#keys, level, correlationId ?? this.correlationId)
  }

  /** The logger of one record of an invocation: its correlation id and record id. */
  requestLogger(correlationId: string | undefined, recordId: string | undefined): TsumikiLogger {
    const entries: ContextEntry[] = []
    addEntry(entries, 'correlation_id', correlationId)
    addEntry(entries, 'record_id', recordId)
    return this.#derive(entries, this.#keys, this.level, correlationId ?? this.correlationId)
  }

  /**
   * A logger with more context entries and these keys. Its line prefix is this one's plus the new entries, so a
   * logger per request or per record costs a few string joins, not a serialisation.
   */
  #derive(
    added: readonly ContextEntry[],
    keys: LogFields,
    level: LogLevel,
    correlationId: string | undefined,
  ): TsumikiLogger {
    const derived = new TsumikiLogger(this.#shared, level, this, added, keys, correlationId)
    derived.reportingFor = this.reportingFor
    try {
      const { pattern, version } = sensitiveState()
      if (this.#builtForVersion !== version) this.#build(pattern, version)
      derived.#contextJson = this.#contextJson + entriesJson(added, pattern)
      derived.#keysJson = keys === this.#keys ? this.#keysJson : keysJson(keys, this.#shared.redact, pattern)
      derived.#builtForVersion = version
    } catch {
      // Left unbuilt: the first line builds it, and reports there if that fails again.
    }
    return derived
  }

  #build(pattern: RegExp | undefined, version: number): void {
    const parent = this.#parent
    if (parent !== undefined && parent.#builtForVersion !== version) parent.#build(pattern, version)
    this.#contextJson =
      (parent === undefined ? '' : parent.#contextJson) + entriesJson(this.#entries, pattern)
    this.#keysJson = this.#hasKeys ? keysJson(this.#keys, this.#shared.redact, pattern) : ''
    this.#builtForVersion = version
  }

  #emitError(level: LineLevel, message: string, error: unknown, fields: LogFields | undefined): void {
    const hasError = error !== undefined
    if (hasError) markReported(error, this.reportingFor)
    this.#emit(level, message, error, hasError, fields)
  }

  #emit(
    level: LineLevel,
    message: string,
    error: unknown,
    hasError: boolean,
    fields: LogFields | undefined,
  ): void {
    // `log.warn('retrying', error)`, as other loggers take it: the error goes where errors go.
    if (!hasError && typeof fields === 'object' && fields !== null && isErrorLike(fields)) {
      this.#emit(level, message, fields, true, undefined)
      return
    }
    try {
      const { pattern, version } = sensitiveState()
      if (this.#builtForVersion !== version) this.#build(pattern, version)
      const redact = this.#shared.redact
      const reserved = hasError ? reservedWithError : reservedStandard
      let line = `{"timestamp":"${isoNow()}${levelFragments[level]}${jsonString(messageText(message), pattern)}${this.#contextJson}`
      // The span active now (tracing() in the chain): read per line, as a record's span or a child span changes it.
      const trace = activeTraceIds(this.reportingFor)
      if (trace !== undefined) line += `,"trace_id":"${trace.traceId}","span_id":"${trace.spanId}"`
      if (fields !== undefined && this.#hasKeys && overlaps(fields, this.#keys)) {
        // A field named like a key of this logger wins over it, without writing the key twice.
        if (hasError) line += `,"error":${errorJson(error, redact, pattern)}`
        line += safeJsonMembers(mergeKeys(this.#keys, fields), redact, pattern, reserved)
      } else {
        line += this.#keysJson
        if (hasError) line += `,"error":${errorJson(error, redact, pattern)}`
        if (fields !== undefined) line += safeJsonMembers(fields, redact, pattern, reserved)
      }
      this.#shared.write(`${line}}\n`)
    } catch (thrown) {
      this.#emitFallback(level, thrown)
    }
  }

  // Reached when the write throws (a custom `write`) or something unforeseen did: one last plain line, and never a
  // throw out of a log call.
  #emitFallback(level: LineLevel, thrown: unknown): void {
    try {
      this.#shared.write(
        `{"timestamp":"${isoNow()}${levelFragments[level]}${JSON.stringify(`The logger could not write a line: ${describeThrown(thrown)}`)}${this.#contextJson}}\n`,
      )
    } catch {}
  }
}

function addEntry(entries: ContextEntry[], key: string, value: string | undefined): void {
  if (value !== undefined) entries.push([key, value])
}

function readString(target: object | undefined, key: string): string | undefined {
  const value = readField(target, key)
  return typeof value === 'string' ? value : undefined
}

function readField(target: object | undefined, key: string): unknown {
  try {
    return target === undefined || target === null ? undefined : (target as Record<string, unknown>)[key]
  } catch {
    return undefined
  }
}

function markReported(error: unknown, request: object | undefined): void {
  try {
    markErrorReported(error, request)
  } catch {}
}

function takeColdStart(): boolean {
  const coldStart = !coldStartTaken
  coldStartTaken = true
  return coldStart
}
