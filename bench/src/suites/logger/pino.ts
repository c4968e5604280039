import { pino } from 'pino'
import { context, correlationId, fields, type LineWriter, message, service, traceId } from './fixtures.js'

const contextKeys = {
  service,
  function_name: context.functionName,
  function_version: context.functionVersion,
  function_request_id: context.awsRequestId,
  cold_start: false,
  xray_trace_id: traceId,
  correlation_id: correlationId,
}

// The same line shape as tsumiki and Powertools: ISO time, upper-case level label, `message`.
const lambdaShape = {
  messageKey: 'message',
  timestamp: pino.stdTimeFunctions.isoTime,
  formatters: { level: (label: string) => ({ level: label.toUpperCase() }) },
  base: undefined,
} as const

function writer(log: pino.Logger): LineWriter {
  return {
    write: (index) => log.info(fields(index), message),
    flush: () =>
      new Promise<void>((resolve, reject) => log.flush((error) => (error ? reject(error) : resolve()))),
  }
}

/** pino with its defaults (epoch time, numeric level, pid and hostname, asynchronous stdout), context as a child. */
export function pinoDefaults(): LineWriter {
  return writer(pino().child(contextKeys))
}

/** pino shaped like the others, with its default asynchronous stdout: lines are buffered and written later. */
export function pinoAsync(): LineWriter {
  return writer(pino(lambdaShape).child(contextKeys))
}

/** pino shaped like the others, writing synchronously like tsumiki: nothing waits in memory when Lambda freezes. */
export function pinoSync(): LineWriter {
  return writer(pino(lambdaShape, pino.destination({ dest: 1, sync: true })).child(contextKeys))
}
