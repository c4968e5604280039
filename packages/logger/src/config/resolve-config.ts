import {
  aFunction,
  anObject,
  aString,
  listOf,
  nonEmptyString,
  numberFrom,
  type OptionRules,
  oneOf,
  optionRule,
  type RedactState,
} from '@tsumiki/core'
import { type LogLevel, levelValues, parseLevel } from '../create-logger/levels.js'
import { isSampleRate } from '../create-logger/sampling.js'
import { compileRedactPaths, defaultRedactPaths } from './redact.js'

/**
 * Fields of a log line: an object whose own enumerable keys become keys of the line, with values of any kind
 * (the serialiser writes whatever it is given). `object` rather than a record type, so that a value typed by an
 * interface (which has no index signature) can be logged as it is.
 */
export type LogFields = object

/** The keys of `LoggerOptions`. */
export const loggerOptionNames = ['service', 'level', 'sampleRate', 'redact', 'keys', 'write'] as const

/**
 * What `level` takes: a level, or any string not known until run time (`process.env.LOG_LEVEL`), read in any case
 * and refused with an `InvalidOptionError` when it names no level. A literal that names none does not compile.
 */
export type LevelOption<Level extends string> = string extends Level
  ? string
  : Level extends LogLevel
    ? Level
    : LogLevel

export interface LoggerOptions<Level extends string = LogLevel> {
  /** The `service` key of every line. Default: `TSUMIKI_SERVICE_NAME`, else `AWS_LAMBDA_FUNCTION_NAME`. */
  readonly service?: string | undefined
  /**
   * The lowest level written, in any case (`'debug'`, `'DEBUG'`). `AWS_LAMBDA_LOG_LEVEL` (Lambda's advanced logging
   * controls) wins over it when set; it wins over `TSUMIKI_LOG_LEVEL`. Default `info`.
   */
  readonly level?: LevelOption<Level> | undefined
  /**
   * The share of invocations (0 to 1) that log at debug level, decided once per invocation. Default:
   * `TSUMIKI_LOG_SAMPLE_RATE`, else 0.
   */
  readonly sampleRate?: number | undefined
  /**
   * Key paths whose values are replaced by `[REDACTED]`, from the root of the line: `headers.authorization`,
   * `*.password` (`*`: any one key or index), `**.token` (`**`: any depth). Matched in any case. Added to
   * `defaultRedactPaths`.
   */
  readonly redact?: readonly string[] | undefined
  /** Keys on every line of this logger and of the loggers made from it. */
  readonly keys?: LogFields | undefined
  /**
   * Where lines go, each a JSON text ending in `\n`. Default: stdout, synchronously. For tests, or to send lines
   * elsewhere; it must not throw.
   */
  readonly write?: ((line: string) => void) | undefined
}

/** What each logger option must be: the table `createLogger()` and `logger()` check their options against. */
export function loggerOptionRules(): OptionRules<LoggerOptions<string>> {
  return {
    service: aString,
    level: optionRule(
      `${oneOf(...levelNames).expected}, in any case`,
      (value) => parseLevel(value) !== undefined,
    ),
    sampleRate: numberFrom(0, 1),
    redact: listOf(nonEmptyString),
    keys: anObject(),
    write: aFunction,
  }
}

const levelNames = /* @__PURE__ */ Object.keys(levelValues)

/** The environment variables the logger reads, all optional. */
export const loggerEnv = {
  /** Lambda's advanced logging controls: the application log level. Wins over every other level setting. */
  lambdaLogLevel: 'AWS_LAMBDA_LOG_LEVEL',
  /** The level when the code sets none. */
  logLevel: 'TSUMIKI_LOG_LEVEL',
  /** The service name when the code sets none. */
  serviceName: 'TSUMIKI_SERVICE_NAME',
  /** The debug sampling rate (0 to 1) when the code sets none. */
  sampleRate: 'TSUMIKI_LOG_SAMPLE_RATE',
  /** `true` to log each invocation's event when the code does not say (`logEvent`). */
  logEvent: 'TSUMIKI_LOG_EVENT',
  /** Set by Lambda: the service name when nothing else names it. */
  functionName: 'AWS_LAMBDA_FUNCTION_NAME',
} as const

export interface ResolvedConfig {
  readonly service: string | undefined
  readonly level: LogLevel
  /**
   * Lambda's own level when it sets one: sampling cannot go below it, since Lambda drops those lines anyway.
   */
  readonly floorLevel: LogLevel | undefined
  readonly sampleRate: number
  readonly redact: RedactState | undefined
  readonly keys: LogFields
  readonly write: ((line: string) => void) | undefined
  /** Configuration problems found in the environment, to be logged once instead of failing the function. */
  readonly warnings: readonly string[]
}

type Env = Readonly<Record<string, string | undefined>>

/**
 * Options first, the environment for what they leave out, except the level: Lambda's `AWS_LAMBDA_LOG_LEVEL` wins,
 * because Lambda filters the lines below it anyway. The options were checked against `loggerOptionRules()` (a
 * mistake is a programming error and throws at module load); bad environment values are ignored with a warning, so
 * a typo in a variable never stops a function.
 */
export function resolveConfig(
  options: LoggerOptions<string> = {},
  env: Env = process.env,
  where = 'createLogger()',
): ResolvedConfig {
  const warnings: string[] = []
  const lambdaLevel = envLevel(env, loggerEnv.lambdaLogLevel, warnings)
  const optionLevel = parseLevel(options.level)
  const codeLevel = optionLevel ?? envLevel(env, loggerEnv.logLevel, warnings) ?? 'info'
  if (
    lambdaLevel !== undefined &&
    optionLevel !== undefined &&
    levelValues[optionLevel] < levelValues[lambdaLevel]
  ) {
    warnings.push(
      `level "${optionLevel}" is below ${loggerEnv.lambdaLogLevel}=${lambdaLevel}: Lambda drops those lines, so the logger uses ${lambdaLevel}`,
    )
  }

  return {
    service: options.service ?? nonEmpty(env[loggerEnv.serviceName]) ?? nonEmpty(env[loggerEnv.functionName]),
    level: lambdaLevel ?? codeLevel,
    floorLevel: lambdaLevel,
    sampleRate: options.sampleRate ?? envSampleRate(env, warnings) ?? 0,
    redact: compileRedactPaths([...defaultRedactPaths, ...(options.redact ?? [])], where),
    keys: options.keys ?? {},
    write: options.write,
    warnings,
  }
}

/** `TSUMIKI_LOG_EVENT=true` (or `1`) turns event logging on when the code does not choose. */
export function envLogEvent(env: Env = process.env): boolean {
  const value = env[loggerEnv.logEvent]?.trim().toLowerCase()
  return value === 'true' || value === '1'
}

function envLevel(env: Env, name: string, warnings: string[]): LogLevel | undefined {
  const raw = nonEmpty(env[name])
  if (raw === undefined) return undefined
  const level = parseLevel(raw)
  if (level === undefined) warnings.push(`${name}=${raw} is not a log level; it is ignored`)
  return level
}

function envSampleRate(env: Env, warnings: string[]): number | undefined {
  const raw = nonEmpty(env[loggerEnv.sampleRate])
  if (raw === undefined) return undefined
  const rate = Number(raw)
  if (isSampleRate(rate)) return rate
  warnings.push(`${loggerEnv.sampleRate}=${raw} is not a number from 0 to 1; it is ignored`)
  return undefined
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim()
  return trimmed === undefined || trimmed === '' ? undefined : trimmed
}
