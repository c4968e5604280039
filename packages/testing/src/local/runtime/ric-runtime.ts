import { type ChildProcess, spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import { newLogStreamName } from '../../aws-values/log-stream-name.js'
import { randomHex, randomTraceHeader } from '../../aws-values/random-ids.js'
import { LocalRuntimeError } from '../../errors/local-runtime-error.js'
import { StreamCollector } from '../../invoke/streamed-response.js'
import { type FunctionSettings, lambdaVariables } from './function-settings.js'
import {
  exitError,
  functionErrorOf,
  type InvocationOutcome,
  responseResult,
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
import { LineCollector, LineSplitter, noLogs } from './log-lines.js'
import { closeCollector, queueInvocation } from './queue-invocation.js'
import { type NextReply, type RuntimeApiServer, startRuntimeApiServer } from './runtime-api-server.js'
import { SerialQueue } from './serial-queue.js'

/** One child process running the runtime client: one Lambda execution environment. */
interface ExecutionEnvironment {
  readonly child: ChildProcess
  readonly startedAtMs: number
  /** Where the process's output goes now: the init's lines, then each invocation's. */
  sink: LineCollector
  /** Resolves the init, once: at the runtime's first `/next`, its `/init/error`, or its exit. */
  finishInit: ((error: FunctionError | undefined) => void) | undefined
  /** A `/next` the runtime is waiting on, when it arrived before an invocation did. */
  idle: NextReply | undefined
  /** An invocation waiting for the runtime's next `/next`. */
  awaitIdle: ((reply: NextReply | undefined) => void) | undefined
  inFlight:
    | {
        readonly requestId: string
        /** Where a streamed answer goes: the caller's, from invokeStream(). */
        readonly collector: StreamCollector | undefined
        finish(outcome: InvocationOutcome): void
      }
    | undefined
  /** Killed (timeout, stop) or exited: the next invocation starts a new environment. */
  retired: boolean
  /** The process is gone and its output read. */
  closed: boolean
  exit: FunctionError | undefined
}

/** The function run by aws-lambda-ric in a child process, against a local Runtime API. */
export class RicRuntime implements LocalRuntime {
  readonly mode = 'ric'
  readonly fallbackReason = undefined
  readonly #settings: FunctionSettings
  readonly #runtimeClientEntry: string
  readonly #nodePath: string
  readonly #queue = new SerialQueue()
  #server: RuntimeApiServer | undefined
  #environment: ExecutionEnvironment | undefined
  #init: InitReport = { durationMs: 0, logs: noLogs(), error: undefined }
  /** The latest init has not been reported by an invocation yet: the next one is a cold start. */
  #coldStartPending = false
  #stopped = false

  private constructor(settings: FunctionSettings, runtimeClientEntry: string, nodePath: string) {
    this.#settings = settings
    this.#runtimeClientEntry = runtimeClientEntry
    this.#nodePath = nodePath
  }

  /** Starts the Runtime API and the first environment, and resolves when its init is over (failed or not). */
  static async start(
    settings: FunctionSettings,
    runtimeClientEntry: string,
    nodePath: string,
  ): Promise<RicRuntime> {
    const runtime = new RicRuntime(settings, runtimeClientEntry, nodePath)
    try {
      runtime.#server = await startRuntimeApiServer({
        next: (reply) => runtime.#onNext(reply),
        response: (requestId, body) => runtime.#onAnswer(requestId, { result: responseResult(body) }),
        streamResponse: (requestId, contentType) => runtime.#onStream(requestId, contentType),
        error: (requestId, error) => runtime.#onAnswer(requestId, { error }),
        initError: (error) => runtime.#environment?.finishInit?.(error),
      })
    } catch (error) {
      throw new LocalRuntimeError('RUNTIME_START_FAILED', `The local Runtime API could not start: ${error}`, {
        cause: error,
      })
    }
    await runtime.#startEnvironment()
    return runtime
  }

  get runtimeApi(): string | undefined {
    return this.#server?.address
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
    this.#stopped = true
    const environment = this.#environment
    if (environment) await retire(environment)
    await this.#server?.close()
  }

  async #invokeNow(json: string, timeoutMs: number, collector?: StreamCollector): Promise<LocalInvocation> {
    if (!this.#coldStartPending && (!this.#environment || this.#environment.retired)) {
      await this.#startEnvironment()
    }
    const coldStart = this.#coldStartPending
    this.#coldStartPending = false
    const initDurationMs = coldStart ? this.#init.durationMs : undefined
    const environment = this.#environment
    if (coldStart && this.#init.error) {
      // As Lambda answers an invocation whose environment failed to start: with the init's error.
      const { error, logs } = this.#init
      return { requestId: randomUUID(), error, logs, durationMs: 0, coldStart, initDurationMs }
    }
    const reply = environment && (await nextReply(environment))
    if (!environment || !reply) {
      const error = environment?.exit ?? exitError(null, null, new Error('the runtime is not running'))
      return {
        requestId: randomUUID(),
        error,
        logs: noLogs(),
        durationMs: 0,
        coldStart,
        initDurationMs,
      }
    }

    const requestId = randomUUID()
    const logs = environment.sink
    const startedAtMs = performance.now()
    let durationMs = 0
    const outcome = await new Promise<InvocationOutcome>((resolve) => {
      const finish = (outcome: InvocationOutcome) => {
        if (environment.inFlight?.requestId !== requestId) return
        durationMs = performance.now() - startedAtMs
        clearTimeout(timer)
        environment.inFlight = undefined
        // Lines written before the answer may still be in the pipe: let them arrive first.
        setImmediate(() => {
          environment.sink = new LineCollector()
          resolve(outcome)
        })
      }
      const timer = setTimeout(() => {
        finish({ error: timeoutError(timeoutMs) })
        void retire(environment)
      }, timeoutMs)
      environment.inFlight = { requestId, collector, finish }
      reply.send(
        {
          requestId,
          deadlineAtMs: Date.now() + timeoutMs,
          functionArn: this.#settings.functionArn,
          traceId: `${randomTraceHeader()};Parent=${randomHex(16)};Sampled=0`,
        },
        json,
      )
    })
    return {
      requestId,
      ...outcome,
      logs: logs.logs(),
      durationMs,
      coldStart,
      initDurationMs,
    } as LocalInvocation
  }

  async #startEnvironment(): Promise<void> {
    const settings = this.#settings
    const initLogs = new LineCollector()
    const startedAtMs = performance.now()
    const child = spawn(this.#nodePath, [this.#runtimeClientEntry], {
      cwd: settings.taskRoot,
      env: {
        ...(process.env.PATH === undefined ? {} : { PATH: process.env.PATH }),
        ...lambdaVariables(settings, newLogStreamName(settings.functionVersion)),
        AWS_LAMBDA_RUNTIME_API: this.#server?.address ?? '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const environment: ExecutionEnvironment = {
      child,
      startedAtMs,
      sink: initLogs,
      finishInit: undefined,
      idle: undefined,
      awaitIdle: undefined,
      inFlight: undefined,
      retired: false,
      closed: false,
      exit: undefined,
    }
    this.#environment = environment
    const stdout = new LineSplitter((line) => environment.sink.add(line))
    const stderr = new LineSplitter((line) => environment.sink.add(line))
    child.stdout?.on('data', (chunk: Buffer) => stdout.write(chunk))
    child.stderr?.on('data', (chunk: Buffer) => stderr.write(chunk))
    let spawnError: Error | undefined
    child.on('error', (error) => {
      spawnError = error
    })
    child.on('close', (code, signal) => {
      stdout.flush()
      stderr.flush()
      environment.retired = true
      environment.closed = true
      environment.exit = exitError(code, signal, spawnError)
      environment.finishInit?.(environment.exit)
      environment.inFlight?.finish({ error: environment.exit })
      environment.awaitIdle?.(undefined)
    })

    const error = await new Promise<FunctionError | undefined>((resolve) => {
      environment.finishInit = (error) => {
        environment.finishInit = undefined
        const durationMs = performance.now() - startedAtMs
        setImmediate(() => {
          this.#init = { durationMs, logs: initLogs.logs(), error }
          environment.sink = new LineCollector()
          resolve(error)
        })
      }
    })
    this.#coldStartPending = true
    if (error) await retire(environment)
  }

  #onNext(reply: NextReply): void {
    const environment = this.#environment
    if (!environment || environment.retired) return
    environment.finishInit?.(undefined)
    if (environment.awaitIdle) environment.awaitIdle(reply)
    else environment.idle = reply
  }

  /** A streamed answer begins: its bytes go to the caller's collector, and its end finishes the invocation. */
  #onStream(requestId: string, contentType: string): StreamCollector | undefined {
    const inFlight = this.#environment?.inFlight
    if (inFlight?.requestId !== requestId) return undefined
    const collector = inFlight.collector ?? new StreamCollector()
    collector.contentType = contentType
    void collector.done.then((answer) => inFlight.finish(streamedOutcome(answer)))
    return collector
  }

  #onAnswer(requestId: string, outcome: InvocationOutcome): boolean {
    const inFlight = this.#environment?.inFlight
    if (inFlight?.requestId !== requestId) return false
    inFlight.finish(outcome)
    return true
  }
}

/** The runtime's pending `/next`, now or when it comes; undefined if the process exits first. */
function nextReply(environment: ExecutionEnvironment): Promise<NextReply | undefined> {
  const idle = environment.idle
  if (idle) {
    environment.idle = undefined
    return Promise.resolve(idle)
  }
  if (environment.retired) return Promise.resolve(undefined)
  return new Promise((resolve) => {
    environment.awaitIdle = (reply) => {
      environment.awaitIdle = undefined
      resolve(reply)
    }
  })
}

/** Kills the environment's process and resolves once it is gone. */
function retire(environment: ExecutionEnvironment): Promise<void> {
  environment.retired = true
  const { child } = environment
  if (environment.closed) return Promise.resolve()
  return new Promise((resolve) => {
    child.once('close', () => resolve())
    child.kill('SIGKILL')
  })
}
