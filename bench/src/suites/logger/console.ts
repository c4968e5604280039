import { context, correlationId, fields, type LineWriter, message, service, traceId } from './fixtures.js'

/** No library: `console.log(JSON.stringify(...))` of the same keys, the floor most hand-rolled loggers sit on. */
export function consoleLog(): LineWriter {
  return {
    write: (index) =>
      console.log(
        JSON.stringify({
          timestamp: new Date().toISOString(),
          level: 'INFO',
          message,
          service,
          function_name: context.functionName,
          function_version: context.functionVersion,
          function_request_id: context.awsRequestId,
          cold_start: false,
          xray_trace_id: traceId,
          correlation_id: correlationId,
          ...fields(index),
        }),
      ),
    flush: async () => {},
  }
}
