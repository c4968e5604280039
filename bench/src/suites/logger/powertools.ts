import { Logger } from '@aws-lambda-powertools/logger'
import { context, correlationId, fields, type LineWriter, message, service, traceHeader } from './fixtures.js'

/** Powertools as its docs show it: a module logger, the context added per invocation, a key appended. */
export function powertools(): LineWriter {
  process.env._X_AMZN_TRACE_ID = traceHeader
  const logger = new Logger({ serviceName: service })
  logger.addContext(context)
  logger.appendKeys({ correlation_id: correlationId })
  return {
    write: (index) => logger.info(message, fields(index)),
    flush: async () => {},
  }
}
