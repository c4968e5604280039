import type { StreamedResponse } from '../../invoke/streamed-response.js'
import type { FunctionLogs } from './log-lines.js'

export type LocalRuntimeMode = 'ric' | 'in-process'

export interface LocalRuntimeOptions {
  /** `<module path>.<export>`, relative to `cwd`, as in Lambda's handler setting: `dist/handler.handler`. */
  handler: string
  /** The function's root (Lambda's `LAMBDA_TASK_ROOT`). Default: `process.cwd()`. */
  cwd?: string | undefined
  /**
   * The function's environment variables. The function sees these and the ones Lambda sets, not your shell's
   * (except `PATH`), as on Lambda: pass AWS credentials, `AWS_REGION` and endpoints here.
   * `AWS_LAMBDA_FUNCTION_TIMEOUT` (seconds) sets the timeout when `timeoutMs` is not given.
   */
  env?: Readonly<Record<string, string>> | undefined
  /** How long an invocation may run; its deadline header counts from when it is handed out. Default 30 000. */
  timeoutMs?: number | undefined
  /** Default `my-function`; the ARN and log names follow it. */
  functionName?: string | undefined
  /** `AWS_LAMBDA_FUNCTION_MEMORY_SIZE`. Default 128. */
  memorySizeMb?: number | undefined
  /**
   * `ric` runs the function in a child process through aws-lambda-ric (and fails if it is not built);
   * `in-process` imports the handler into this process; `auto` (the default) is `ric` when it can be.
   */
  mode?: 'auto' | LocalRuntimeMode | undefined
  /** The directory of the aws-lambda-ric package to run. Default: the one installed with @tsumiki/testing. */
  runtimeClientDir?: string | undefined
  /** The Node.js binary for the child process. Default: the one running this process. */
  nodePath?: string | undefined
}

export interface InvokeOptions {
  /** This invocation's timeout, instead of the runtime's `timeoutMs`. */
  timeoutMs?: number | undefined
}

/** What Lambda reports for a failed invocation or init, as the runtime client posts it. */
export interface FunctionError {
  /** The error's `name` (`TypeError`), or Lambda's own (`Sandbox.Timedout`, `Runtime.ExitError`). */
  readonly errorType: string
  readonly errorMessage: string
  /** The stack, one line per entry; empty when there is none. */
  readonly trace: readonly string[]
}

export interface InitReport {
  /** From starting the process (or the import, in process) to the runtime's first request for work. */
  readonly durationMs: number
  readonly logs: FunctionLogs
  /** Set when the init failed: the module threw, the handler was not found, or the process exited. */
  readonly error: FunctionError | undefined
}

interface InvocationReport {
  /** The `Lambda-Runtime-Aws-Request-Id` (and `context.awsRequestId`) of this invocation. */
  readonly requestId: string
  readonly logs: FunctionLogs
  /** From handing out the event to receiving the answer. */
  readonly durationMs: number
  /** The first invocation after an init: the environment was started for it. */
  readonly coldStart: boolean
  /** The duration of the init this invocation waited for, on a cold start. */
  readonly initDurationMs: number | undefined
}

/**
 * One invocation's answer: `result` (the response, parsed from the JSON the function returned) or `error`.
 * `Result` is not checked: it says what the caller expects the function to return.
 */
export type LocalInvocation<Result = unknown> = InvocationReport &
  (
    | { readonly result: Result; readonly error?: undefined }
    | { readonly result?: undefined; readonly error: FunctionError }
  )

/** A streamed invocation: its answer as it arrives, and the invocation's report once it is over. */
export interface LocalStreamedInvocation extends StreamedResponse {
  readonly invocation: Promise<LocalInvocation>
}

export interface LocalRuntime {
  readonly mode: LocalRuntimeMode
  /** Why the runtime client is not used, in `in-process` mode chosen by `auto`. */
  readonly fallbackReason: string | undefined
  /** The Runtime API's `host:port` (`AWS_LAMBDA_RUNTIME_API`), in `ric` mode. */
  readonly runtimeApi: string | undefined
  /** The latest init. */
  readonly init: InitReport
  /**
   * Invokes the function with `event` (sent as JSON) and resolves with its answer, never rejecting for the
   * function's own failures. Invocations run one at a time, in call order, as in one Lambda execution
   * environment. After a timeout or a crash the process is replaced, and the next invocation is a cold start.
   */
  invoke<Result = unknown>(event: unknown, options?: InvokeOptions): Promise<LocalInvocation<Result>>
  /**
   * Invokes a response-streaming function and gives its answer as it arrives (`head`, the chunks by
   * `for await`, `done`); `invocation` resolves once it is over, with its logs. `invoke()` works on a streaming
   * function too: its `result` is the prelude's fields with the whole `body` as text (what the front door sends).
   */
  invokeStream(event: unknown, options?: InvokeOptions): LocalStreamedInvocation
  /** Stops the child process and the server (in process: restores the environment variables). */
  stop(): Promise<void>
}
