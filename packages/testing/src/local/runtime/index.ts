export {
  isLocalRuntimeError,
  LocalRuntimeError,
  type LocalRuntimeErrorCode,
} from '../../errors/local-runtime-error.js'
export type {
  FunctionError,
  InitReport,
  InvokeOptions,
  LocalInvocation,
  LocalRuntime,
  LocalRuntimeMode,
  LocalRuntimeOptions,
} from './local-runtime.js'
export type { FunctionLogs } from './log-lines.js'
export { startLocalRuntime } from './start-local-runtime.js'
