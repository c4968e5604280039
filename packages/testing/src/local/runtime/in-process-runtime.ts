import { randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { pathToFileURL } from 'node:url'
import { isStreamingHandler } from '@tsumiki/core'
import { newLogStreamName } from '../../aws-values/log-stream-name.js'
import { randomTraceHeader } from '../../aws-values/random-ids.js'
import { createContext } from '../../context/context.js'
import { runStreamingHandler, type StreamingHandler } from '../../invoke/invoke-stream.js'
import { StreamCollector } from '../../invoke/streamed-response.js'
import { captureOutput } from './captured-output.js'
import { type FunctionSettings, lambdaVariables } from './function-settings.js'
import {
  functionErrorOf,
  type InvocationOutcome,
  streamedOutcome,
  timeoutError,
} from './invocation-outcome.js'
import type {
  FunctionError,
  InitReport,
  InvokeOptions,
  LocalInvocation,
  LocalRuntime,
  LocalStreamedInvocation,
} from './local-runtime.js'
import { LineCollector, noLogs } from './log-lines.js'
import { closeCollector, queueInvocation } from './queue-invocation.js'
import { SerialQueue } from './serial-queue.js'

type Handler = (event: unknown, context: ReturnType<typeof createContext>) => unknown

/** Counts imports, so each runtime imports (and initialises) an ES module afresh. */
let importCount = 0

/**
 * The fallback: the handler imported into this process and called with a context, as the runtime client would
 * call it. Same API and answers as `ric` mode; but a timed-out invocation cannot be killed (it runs on, and its
 * late output goes to whichever invocation is running), the environment is never replaced, and the function sees
 * this process's environment plus Lambda's variables (set on start, restored on stop).
 */
export class InProcessRuntime implements LocalRuntime {
  readonly mode = 'in-process'
  readonly runtimeApi = undefined
  readonly fallbackReason: string | undefined
  readonly #settings: FunctionSettings
  readonly #queue = new SerialQueue()
  readonly #logStreamName: string
  readonly #savedVariables = new Map<string, string | undefined>()
  #handler: Handler | undefined
  #init: InitReport = { durationMs: 0, logs: noLogs(), error: undefined }
  #coldStartPending = false
  #stopped = false

  private constructor(settings: FunctionSettings, fallbackReason: string | undefined) {
    this.#settings = settings
    this.fallbackReason = fallbackReason
    this.#logStreamName = newLogStreamName(settings.functionVersion)
  }

  static async start(
    settings: FunctionSettings,
    fallbackReason: string | undefined,
  ): Promise<InProcessRuntime> {
    const runtime = new InProcessRuntime(settings, fallbackReason)
    const { TZ: _tz, LANG: _lang, ...variables } = lambdaVariables(settings, runtime.#logStreamName)
    for (const [name, value] of Object.entries(variables)) {
      runtime.#savedVariables.set(name, process.env[name])
      process.env[name] = value
    }
    await runtime.#initialise()
    return runtime
  }

  get init(): InitReport {
    return this.#init
  }

  invoke<Result = unknown>(event: unknown, options?: InvokeOptions): Promise<LocalInvocation<Result>> {
    return queueInvocation(
      this.#queue,
      this.#settings,
      () => this.#stopped,
      event,
      options,
      (json, timeoutMs) => this.#invokeNow(json, timeoutMs),
    )
  }

  invokeStream(event: unknown, options?: InvokeOptions): LocalStreamedInvocation {
    const collector = new StreamCollector()
    const invocation = queueInvocation(
      this.#queue,
      this.#settings,
      () => this.#stopped,
      event,
      options,
      (json, timeoutMs) => this.#invokeNow(json, timeoutMs, collector),
    ).then(
      (done) => closeCollector(collector, done),
      (error: unknown) => {
        collector.end(functionErrorOf(error))
        throw error
      },
    )
    return Object.assign(collector, { invocation })
  }

  async stop(): Promise<void> {
    if (this.#stopped) return
    this.#stopped = true
    await this.#queue.run(async () => undefined)
    for (const [name, value] of this.#savedVariables) {
      if (value === undefined) delete process.env[name]
      else process.env[name] = value
    }
  }

  async #invokeNow(json: string, timeoutMs: number, collector?: StreamCollector): Promise<LocalInvocation> {
    if (!this.#coldStartPending && !this.#handler) await this.#initialise()
    const coldStart = this.#coldStartPending
    this.#coldStartPending = false
    const initDurationMs = coldStart ? this.#init.durationMs : undefined
    const handler = this.#handler
    if (!handler) {
      const { logs } = coldStart ? this.#init : { logs: noLogs() }
      const error = this.#init.error ?? functionErrorOf(new Error('The handler is not loaded'))
      return { requestId: randomUUID(), error, logs, durationMs: 0, coldStart, initDurationMs }
    }

    const requestId = randomUUID()
    const logs = new LineCollector()
    const context = createContext({
      remainingMs: timeoutMs,
      awsRequestId: requestId,
      functionName: this.#settings.functionName,
      functionVersion: this.#settings.functionVersion,
      invokedFunctionArn: this.#settings.functionArn,
      memoryLimitInMB: this.#settings.memorySizeMb,
      logGroupName: this.#settings.logGroupName,
      logStreamName: this.#logStreamName,
    })
    process.env._X_AMZN_TRACE_ID = randomTraceHeader()
    const restoreOutput = captureOutput(
      (line) => logs.add(line),
      () => requestId,
    )
    const startedAtMs = performance.now()
    let timer: NodeJS.Timeout | undefined
    try {
      const outcome = await Promise.race([
        answerOf(handler, JSON.parse(json), context, collector),
        new Promise<InvocationOutcome>((resolve) => {
          timer = setTimeout(() => resolve({ error: timeoutError(timeoutMs) }), timeoutMs)
        }),
      ])
      const durationMs = performance.now() - startedAtMs
      restoreOutput()
      return {
        requestId,
        ...outcome,
        logs: logs.logs(),
        durationMs,
        coldStart,
        initDurationMs,
      } as LocalInvocation
    } finally {
      clearTimeout(timer)
      restoreOutput()
      delete process.env._X_AMZN_TRACE_ID
    }
  }

  async #initialise(): Promise<void> {
    const logs = new LineCollector()
    const restoreOutput = captureOutput(
      (line) => logs.add(line),
      () => '-',
    )
    const startedAtMs = performance.now()
    let error: FunctionError | undefined
    try {
      this.#handler = await loadHandler(this.#settings)
    } catch (thrown) {
      error = thrown instanceof InitFailure ? thrown.functionError : functionErrorOf(thrown)
    } finally {
      restoreOutput()
    }
    this.#init = { durationMs: performance.now() - startedAtMs, logs: logs.logs(), error }
    this.#coldStartPending = true
  }
}

async function answerOf(
  handler: Handler,
  event: unknown,
  context: ReturnType<typeof createContext>,
  collector: StreamCollector | undefined,
): Promise<InvocationOutcome> {
  if (isStreamingHandler(handler)) {
    const streaming = handler as unknown as StreamingHandler<unknown>
    const answer = await runStreamingHandler(streaming, event, context, collector ?? new StreamCollector())
    return streamedOutcome(answer)
  }
  let value: unknown
  try {
    value = await handler(event, context)
  } catch (thrown) {
    const error = functionErrorOf(thrown)
    // As the runtime client logs a failed invocation.
    console.error('Invoke Error', `\t${JSON.stringify(error)}`)
    return { error }
  }
  try {
    return { result: JSON.parse(JSON.stringify(value === undefined ? null : value)) as unknown }
  } catch {
    return {
      error: {
        errorType: 'JSONStringifyError',
        errorMessage: 'Unable to stringify response body',
        trace: [],
      },
    }
  }
}

/** An init failure already in the runtime client's terms. */
class InitFailure extends Error {
  readonly functionError: FunctionError

  constructor(functionError: FunctionError) {
    super(functionError.errorMessage)
    this.functionError = functionError
  }
}

/** Finds, imports and picks the handler as the runtime client does, with its error types. */
async function loadHandler(settings: FunctionSettings): Promise<Handler> {
  const { modulePath, exportPath } = settings.handlerSetting
  const base = join(settings.taskRoot, modulePath)
  const file = ['.js', '.mjs', '.cjs'].map((extension) => base + extension).find((path) => existsSync(path))
  if (!file) {
    throw new InitFailure({
      errorType: 'Runtime.ImportModuleError',
      errorMessage: `Error: Cannot find module '${modulePath}'`,
      trace: [],
    })
  }
  importCount += 1
  let exported: unknown
  try {
    exported = await import(`${pathToFileURL(file).href}?init=${importCount}`)
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error
    const { errorType, errorMessage, trace } = functionErrorOf(error)
    throw new InitFailure({
      errorType: 'Runtime.UserCodeSyntaxError',
      errorMessage: `${errorType}: ${errorMessage}`,
      trace,
    })
  }
  let handler = exported
  for (const name of exportPath) {
    handler =
      typeof handler === 'object' && handler !== null ? (handler as Record<string, unknown>)[name] : undefined
  }
  if (typeof handler !== 'function') {
    throw new InitFailure({
      errorType: 'Runtime.HandlerNotFound',
      errorMessage: `${modulePath}.${exportPath.join('.')} is undefined or not exported`,
      trace: [],
    })
  }
  return handler as Handler
}
