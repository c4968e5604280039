import type { LogFields } from '../config/resolve-config.js'
import type { LineLevel, LogLevel } from './levels.js'

/** The parts of a Lambda context the logger reads; any `Context` fits. */
export interface LambdaContextLike {
  readonly functionName?: string | undefined
  readonly functionVersion?: string | undefined
  readonly awsRequestId?: string | undefined
}

/** What ties a logger to one invocation (and, for batch sources, to one record of it). */
export interface InvocationKeys {
  /** Default: true for the first invocation this module logs, false after. */
  readonly coldStart?: boolean | undefined
  readonly correlationId?: string | undefined
  readonly recordId?: string | undefined
}

/**
 * A structured logger: one JSON line per call, written before the call returns; a call never throws. Keys belong
 * to one logger: `child()` and `forInvocation()` make new loggers rather than change this one, so a logger handed
 * to one invocation never shows another's keys.
 */
export interface Logger {
  /** The lowest level this logger writes: `debug` in an invocation picked by sampling. */
  readonly level: LogLevel
  /** The id tying this request to its upstream, to pass on downstream (a header, a message attribute). */
  readonly correlationId: string | undefined
  isLevelEnabled(level: LineLevel): boolean
  trace(message: string, fields?: LogFields): void
  debug(message: string, fields?: LogFields): void
  info(message: string, fields?: LogFields): void
  /** An error among the fields (`{ error }`) is written with its name, message, stack and cause. */
  warn(message: string, fields?: LogFields): void
  /** `error` is whatever was thrown; it is marked as reported, so adapters do not log it again. */
  error(message: string, error?: unknown, fields?: LogFields): void
  fatal(message: string, error?: unknown, fields?: LogFields): void
  /** A new logger with these keys on every line, as well as this one's. This logger is unchanged. */
  child(keys: LogFields): Logger
  /**
   * Adds keys to every later line of this logger (not of children made before). On a request's logger they last
   * as long as the request; on a module-scope logger they are persistent: add those at module load.
   */
  appendKeys(keys: LogFields): void
  /**
   * A logger for one invocation: the context keys, the correlation and record ids, and its own sampling draw.
   * The logger middleware does this for you; use it in a handler written without the engine.
   */
  forInvocation(context: LambdaContextLike | undefined, keys?: InvocationKeys): Logger
}
