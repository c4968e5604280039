import {
  answerErrorFields,
  checkOptions,
  InvalidOptionError,
  type InvocationRequest,
  invocationOf,
  isErrorReported,
  isHttpError,
  isHttpStreamReply,
  isPromiseLike,
  type Middleware,
  markErrorReported,
  recordErrorFields,
  trueOrFalse,
  whenStreamSent,
  withMethod,
} from '@tsumiki/core'
import {
  envLogEvent,
  type LoggerOptions,
  loggerOptionNames,
  loggerOptionRules,
} from '../config/resolve-config.js'
import { createRootLogger } from '../create-logger/create-logger.js'
import type { LogLevel } from '../create-logger/levels.js'
import type { Logger } from '../create-logger/logger.js'
import { TsumikiLogger } from '../create-logger/tsumiki-logger.js'

export interface LoggerMiddlewareOptions<Level extends string = LogLevel> extends LoggerOptions<Level> {
  /**
   * Log the event each invocation received (once per invocation, batches included), redacted, at info level.
   * Default: `TSUMIKI_LOG_EVENT`, else false.
   */
  readonly logEvent?: boolean | undefined
  /** Log what the handler returned, redacted, at info level. Default false. */
  readonly logResult?: boolean | undefined
  /**
   * A logger made by `createLogger()` at module scope to make the request loggers from, so module code and
   * requests share one configuration and its persistent keys. Then leave the other logger options out.
   */
  readonly logger?: Logger | undefined
}

/** What the middleware adds to every request. */
export interface LogAdded {
  readonly log: Logger
}

// `currentRequest(context)?.log` in a wrapped legacy handler is a `Logger` (or undefined), without a cast.
declare module '@tsumiki/core' {
  interface WrappedRequestFields extends LogAdded {}
}

// What an invocation's requests share: one logger (one sampling draw) and whether its event is logged.
interface InvocationLog {
  readonly log: TsumikiLogger
  eventLogged: boolean
}

/**
 * Adds `request.log`: a logger whose lines carry the Lambda context (function name and version, request id, cold
 * start, X-Ray trace id), the request's correlation id and, for batch sources, its record id. Each request
 * gets its own logger, made from the one made here at module load: keys and the sampling draw of one invocation
 * never reach another, whether it runs after it or beside it.
 *
 * An error leaving the handler is logged once, with the request id, and rethrown: logged errors are marked so the
 * adapters do not log them again; one the adapter logs itself (`capabilities.logsFailureItself`: a record it parks
 * on a dead-letter queue) is left to it. Client errors (`HttpError` 4xx) are logged at info level and without a stack:
 * they are answers, not faults. A failed record is logged with its error's fields, not the HTTP answer it would make.
 */
export function logger<Level extends string = LogLevel>(
  options?: LoggerMiddlewareOptions<Level>,
): Middleware<InvocationRequest, LogAdded>
// A literal level was checked at compile time; here any string is, at run time.
export function logger(
  options: LoggerMiddlewareOptions<string> = {},
): Middleware<InvocationRequest, LogAdded> {
  checkOptions('logger()', options, {
    ...loggerOptionRules(),
    logEvent: trueOrFalse,
    logResult: trueOrFalse,
    logger: withMethod('forInvocation'),
  })
  const base = baseLogger(options)
  const logEvent = options.logEvent ?? envLogEvent()
  const logResult = options.logResult ?? false
  // The key of this logger's state in each invocation (core's per-invocation state): gone with the invocation.
  const invocationState = Symbol('logger')

  function requestLog(request: InvocationRequest): Logger {
    const recordId = (request as { readonly recordId?: unknown }).recordId
    const recordKey = typeof recordId === 'string' ? recordId : undefined
    if (!(base instanceof TsumikiLogger)) {
      const log = base.forInvocation(request.context, {
        coldStart: request.coldStart,
        correlationId: request.correlationId,
        recordId: recordKey,
      })
      if (logEvent) log.info('Lambda invocation event', { event: request.event })
      return log
    }
    if (recordKey === undefined) {
      // One request per invocation (HTTP, EventBridge, schedules): one logger, nothing to share.
      const log = base.invocationLogger(request.context, request.coldStart, request.correlationId)
      log.reportingFor = request
      if (logEvent) log.info('Lambda invocation event', { event: request.event })
      return log
    }
    const make = (): InvocationLog => ({
      log: base.invocationLogger(request.context, request.coldStart),
      eventLogged: false,
    })
    // A request no adapter made has no invocation to share with: a logger of its own.
    const invocation = invocationOf(request)?.local(invocationState, make) ?? make()
    const log = invocation.log.requestLogger(request.correlationId, recordKey)
    log.reportingFor = request
    if (logEvent && !invocation.eventLogged) {
      invocation.eventLogged = true
      log.info('Lambda invocation event', { event: request.event })
    }
    return log
  }

  return {
    name: 'logger',
    handle(request, next) {
      const log = requestLog(request)
      let result: unknown
      try {
        result = next({ log })
      } catch (error) {
        return reportAndRethrow(log, error, request)
      }
      if (isPromiseLike(result)) {
        return logResult
          ? Promise.resolve(result).then(
              (value: unknown) => logged(log, value),
              (error: unknown) => reportAndRethrow(log, error, request),
            )
          : Promise.resolve(result).catch((error: unknown) => reportAndRethrow(log, error, request))
      }
      return logResult ? logged(log, result) : result
    },
  }
}

function baseLogger(options: LoggerMiddlewareOptions<string>): Logger {
  if (options.logger === undefined) return createRootLogger(options, 'logger()')
  const mixed = loggerOptionNames.filter((name) => options[name] !== undefined)
  if (mixed.length > 0) {
    throw new InvalidOptionError(
      'logger()',
      'logger',
      `left out when logger options are given (${mixed.join(', ')}): the logger was configured when it was made`,
      options.logger,
    )
  }
  return options.logger
}

function logged(log: Logger, result: unknown): unknown {
  if (isHttpStreamReply(result)) {
    // A streamed answer is logged once it has gone out, with its size; a stream that failed is the adapter's line.
    whenStreamSent(result, (sent) => {
      if (!sent.started || sent.error !== undefined) return
      log.info('Lambda invocation result', {
        result: { status: result.status, headers: result.headers, streamed: true },
        bytes_sent: sent.bytes,
      })
    })
    return result
  }
  log.info('Lambda invocation result', { result })
  return result
}

// A 4xx is an answer only where the source answers a client (its adapter says so); a record that fails validation
// is a failure.
type FailureKind = 'answer' | 'record' | 'invocation'

function failureKind(request: InvocationRequest): FailureKind {
  if (request.capabilities?.answersWithStatus === true) return 'answer'
  return typeof request.recordId === 'string' ? 'record' : 'invocation'
}

// The kind of failure is only worked out when there is one: nothing is added to the path of a request that succeeds.
function reportAndRethrow(log: Logger, error: unknown, request: InvocationRequest): never {
  // A failure the adapter logs once it knows its fate (a record it parks) is not logged here as well.
  if (!isErrorReported(error, request) && request.capabilities?.logsFailureItself?.(error) !== true) {
    const failure = failureKind(request)
    if (failure === 'answer' && isHttpError(error) && error.status < 500) {
      log.info(`Answered HTTP ${error.status}`, { error: answerErrorFields(error) })
    } else if (failure === 'record') {
      // Its record view: a record has no client, so the HTTP answer an HttpError carries means nothing here.
      log.error('Record failed', isHttpError(error) ? recordErrorFields(error) : error)
    } else log.error('Unhandled error', error)
    markErrorReported(error, request)
  }
  throw error
}
