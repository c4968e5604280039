import { checkOptions, writeLine } from '@tsumiki/core'
import { type LoggerOptions, loggerOptionRules, resolveConfig } from '../config/resolve-config.js'
import { type LogLevel, levelValues } from './levels.js'
import type { Logger } from './logger.js'
import { type SharedSettings, TsumikiLogger } from './tsumiki-logger.js'

/**
 * A logger for module scope and for code outside the engine: `export const log = createLogger({ service })`.
 * Its lines carry the service and its keys; `log.forInvocation(context)` (or the `logger()` middleware) adds the
 * Lambda context. Options are checked here, at module load; logging never throws.
 */
export function createLogger<Level extends string = LogLevel>(options?: LoggerOptions<Level>): Logger
// A literal level was checked at compile time; here any string is, at run time.
export function createLogger(options: LoggerOptions<string> = {}): Logger {
  checkOptions('createLogger()', options, loggerOptionRules())
  return createRootLogger(options)
}

/** The root logger of checked options. */
export function createRootLogger(
  options: LoggerOptions<string> = {},
  where = 'createLogger()',
): TsumikiLogger {
  const config = resolveConfig(options, process.env, where)
  const floorLevel = config.floorLevel
  const shared: SharedSettings = {
    write: config.write ?? writeLine,
    redact: config.redact,
    sampleRate: config.sampleRate,
    sampledLevel:
      floorLevel !== undefined && levelValues[floorLevel] > levelValues.debug ? floorLevel : 'debug',
  }
  const root = new TsumikiLogger(
    shared,
    config.level,
    undefined,
    config.service === undefined ? [] : [['service', config.service]],
    {},
    undefined,
  )
  root.appendKeys(config.keys)
  for (const warning of config.warnings) root.warn(warning)
  return root
}
