export { traceAwsClient } from './aws-client/trace-aws-client.js'
export type { TracingOptions } from './config/tracing-options.js'
export { type TracingState, tracerName, tracing } from './tracing/tracing.js'
