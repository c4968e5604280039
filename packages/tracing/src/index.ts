export type { TracingOptions } from './config/tracing-options.js'
export { type TracingState, tracerName, tracing } from './tracing/tracing.js'
