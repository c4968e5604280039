/**
 * The levels of Lambda's advanced logging controls (`AWS_LAMBDA_LOG_LEVEL`), lower-cased, plus `silent`. A logger
 * writes the lines at its level and above.
 */
export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'silent'

/** The levels a line can have (every level but `silent`). */
export type LineLevel = Exclude<LogLevel, 'silent'>

/** Ordered so that a line is written when its value is at least the logger's. */
export const levelValues: Readonly<Record<LogLevel, number>> = {
  trace: 10,
  debug: 20,
  info: 30,
  warn: 40,
  error: 50,
  fatal: 60,
  silent: 100,
}

/**
 * Each level's part of a line, from the end of the timestamp to the start of the message, made once: the level is
 * upper-case because Lambda's JSON log filter reads `"level":"INFO"`.
 */
export const levelFragments: Readonly<Record<LineLevel, string>> = {
  trace: '","level":"TRACE","message":',
  debug: '","level":"DEBUG","message":',
  info: '","level":"INFO","message":',
  warn: '","level":"WARN","message":',
  error: '","level":"ERROR","message":',
  fatal: '","level":"FATAL","message":',
}

/** Reads a level name in any case (`WARN`, `warn`, and `warning` as Python loggers spell it); else `undefined`. */
export function parseLevel(value: unknown): LogLevel | undefined {
  if (typeof value !== 'string') return undefined
  const name = value.trim().toLowerCase()
  if (name === 'warning') return 'warn'
  return Object.hasOwn(levelValues, name) ? (name as LogLevel) : undefined
}
