export {
  isLocalRuntimeError,
  LocalRuntimeError,
  type LocalRuntimeErrorCode,
} from '../../errors/local-runtime-error.js'
export type { StreamedAnswer, StreamedResponse, StreamHead } from '../../invoke/streamed-response.js'
export type {
  FunctionError,
  InitReport,
  InvokeOptions,
  LocalInvocation,
  LocalRuntime,
  LocalRuntimeMode,
  LocalRuntimeOptions,
  LocalStreamedInvocation,
} from './local-runtime.js'
export type { FunctionLogs } from './log-lines.js'
export { startLocalRuntime } from './start-local-runtime.js'
