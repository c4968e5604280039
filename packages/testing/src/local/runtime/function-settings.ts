import { existsSync, statSync } from 'node:fs'
import { resolve } from 'node:path'
import {
  aString,
  checkOptions,
  InvalidOptionError,
  matching,
  nonEmptyString,
  oneOf,
  positiveMilliseconds,
  recordOf,
  required,
  wholeNumber,
} from '@tsumiki/core'
import { defaultAccountId, defaultRegion } from '../../aws-values/aws-defaults.js'
import { type HandlerSetting, parseHandlerSetting } from './handler-setting.js'
import type { InvokeOptions, LocalRuntimeOptions } from './local-runtime.js'

const where = 'startLocalRuntime()'

/** Variables the local runtime sets from its options; setting them through `env` would contradict those. */
const variablesFromOptions: Readonly<Record<string, string>> = {
  _HANDLER: 'handler',
  LAMBDA_TASK_ROOT: 'cwd',
  AWS_LAMBDA_RUNTIME_API: 'none (the local runtime sets it)',
  AWS_LAMBDA_FUNCTION_NAME: 'functionName',
  AWS_LAMBDA_FUNCTION_MEMORY_SIZE: 'memorySizeMb',
}

/** One function's configuration, as Lambda would hold it, checked. */
export interface FunctionSettings {
  readonly handler: string
  readonly handlerSetting: HandlerSetting
  readonly taskRoot: string
  readonly env: Readonly<Record<string, string>>
  readonly timeoutMs: number
  readonly functionName: string
  readonly functionVersion: string
  readonly functionArn: string
  readonly memorySizeMb: number
  readonly region: string
  readonly logGroupName: string
}

export function functionSettings(options: LocalRuntimeOptions): FunctionSettings {
  checkOptions<LocalRuntimeOptions>(where, options, {
    handler: required(nonEmptyString),
    cwd: nonEmptyString,
    env: recordOf(aString),
    timeoutMs: positiveMilliseconds,
    functionName: matching(/^[A-Za-z0-9_-]{1,64}$/),
    memorySizeMb: wholeNumber(128, 10_240),
    mode: oneOf('auto', 'ric', 'in-process'),
    runtimeClientDir: nonEmptyString,
    nodePath: nonEmptyString,
  })
  const handlerSetting = parseHandlerSetting(options.handler)
  if (!handlerSetting) {
    throw new InvalidOptionError(
      where,
      'handler',
      'a `<module path>.<export>` like `dist/handler.handler`',
      options.handler,
    )
  }
  const taskRoot = resolve(options.cwd ?? process.cwd())
  if (!existsSync(taskRoot) || !statSync(taskRoot).isDirectory()) {
    throw new InvalidOptionError(where, 'cwd', 'an existing directory', options.cwd)
  }
  for (const option of ['runtimeClientDir', 'nodePath'] as const) {
    const path = options[option]
    if (path !== undefined && !existsSync(path)) {
      throw new InvalidOptionError(where, option, 'the path of an existing file or directory', path)
    }
  }
  const env = options.env ?? {}
  for (const [name, value] of Object.entries(env)) {
    const option = variablesFromOptions[name]
    if (option !== undefined) {
      throw new InvalidOptionError(
        where,
        `env.${name}`,
        `left out: the local runtime sets it (option: ${option})`,
        value,
      )
    }
  }
  const functionName = options.functionName ?? 'my-function'
  const memorySizeMb = options.memorySizeMb ?? 128
  const region = env.AWS_REGION ?? defaultRegion
  return {
    handler: options.handler,
    handlerSetting,
    taskRoot,
    env,
    timeoutMs: functionTimeoutMs(options.timeoutMs, env.AWS_LAMBDA_FUNCTION_TIMEOUT),
    functionName,
    functionVersion: '$LATEST',
    functionArn: `arn:aws:lambda:${region}:${defaultAccountId}:function:${functionName}`,
    memorySizeMb,
    region,
    logGroupName: `/aws/lambda/${functionName}`,
  }
}

/** The timeout of one invocation: `invoke()`'s own, else the function's. */
export function invokeTimeoutMs(options: InvokeOptions | undefined, settings: FunctionSettings): number {
  checkOptions<InvokeOptions>('runtime.invoke()', options, { timeoutMs: positiveMilliseconds })
  return options?.timeoutMs ?? settings.timeoutMs
}

function functionTimeoutMs(
  timeoutMs: number | undefined,
  timeoutSecondsVariable: string | undefined,
): number {
  if (timeoutSecondsVariable === undefined) return timeoutMs ?? 30_000
  const timeoutSeconds = Number(timeoutSecondsVariable)
  if (!Number.isInteger(timeoutSeconds) || timeoutSeconds < 1 || timeoutSeconds > 900) {
    throw new InvalidOptionError(
      where,
      'env.AWS_LAMBDA_FUNCTION_TIMEOUT',
      'whole seconds from 1 to 900',
      timeoutSecondsVariable,
    )
  }
  if (timeoutMs !== undefined && timeoutMs !== timeoutSeconds * 1000) {
    throw new InvalidOptionError(
      where,
      'timeoutMs',
      `${timeoutSeconds * 1000}, as env.AWS_LAMBDA_FUNCTION_TIMEOUT says, or left out`,
      timeoutMs,
    )
  }
  return timeoutSeconds * 1000
}

/**
 * The variables Lambda sets for a Node.js function, then the function's own. `_X_AMZN_TRACE_ID` is set per
 * invocation by the runtime client; `AWS_LAMBDA_RUNTIME_API` only exists for a child process.
 */
export function lambdaVariables(settings: FunctionSettings, logStreamName: string): Record<string, string> {
  const nodeMajor = process.versions.node.split('.')[0]
  return {
    AWS_REGION: settings.region,
    AWS_DEFAULT_REGION: settings.region,
    AWS_EXECUTION_ENV: `AWS_Lambda_nodejs${nodeMajor}.x`,
    AWS_LAMBDA_FUNCTION_NAME: settings.functionName,
    AWS_LAMBDA_FUNCTION_VERSION: settings.functionVersion,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(settings.memorySizeMb),
    AWS_LAMBDA_FUNCTION_TIMEOUT: String(Math.ceil(settings.timeoutMs / 1000)),
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_LAMBDA_LOG_GROUP_NAME: settings.logGroupName,
    AWS_LAMBDA_LOG_STREAM_NAME: logStreamName,
    LAMBDA_TASK_ROOT: settings.taskRoot,
    _HANDLER: settings.handler,
    TZ: ':UTC',
    LANG: 'en_US.UTF-8',
    ...settings.env,
  }
}
