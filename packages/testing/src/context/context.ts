import { randomUUID } from 'node:crypto'
import { anObject, checkOptions, milliseconds, nonEmptyString, wholeNumber } from '@tsumiki/core'
import type { ClientContext, CognitoIdentity, Context } from 'aws-lambda'
import { defaultAccountId, defaultRegion } from '../aws-values/aws-defaults.js'
import { newLogStreamName } from '../aws-values/log-stream-name.js'

export interface ContextOptions {
  /** Time left before the function times out, counted from when the context is created. Default 30 000. */
  remainingMs?: number | undefined
  /** Default `my-function`; the ARN and log names follow it. */
  functionName?: string | undefined
  /** Default `$LATEST`. */
  functionVersion?: string | undefined
  /** Default 128. */
  memoryLimitInMB?: number | undefined
  /** Default: a fresh UUID per context. */
  awsRequestId?: string | undefined
  /** Default: the unqualified ARN of `functionName`. */
  invokedFunctionArn?: string | undefined
  /** Default `/aws/lambda/<functionName>`. */
  logGroupName?: string | undefined
  /** Default `<yyyy>/<mm>/<dd>/[<functionVersion>]<32 hex digits>`, as Lambda names them. */
  logStreamName?: string | undefined
  identity?: CognitoIdentity | undefined
  clientContext?: ClientContext | undefined
  tenantId?: string | undefined
}

/**
 * A Lambda context whose `getRemainingTimeInMillis()` really counts down from its creation (and stops at 0),
 * so deadline logic can be tested with real or fake timers (it reads `Date.now()`).
 *
 * `done`, `fail` and `succeed` throw: they complete callback-style handlers, which the toolkit does not run.
 */
export function createContext(options: ContextOptions = {}): Context {
  checkOptions<ContextOptions>('createContext()', options, {
    remainingMs: milliseconds,
    functionName: nonEmptyString,
    functionVersion: nonEmptyString,
    memoryLimitInMB: wholeNumber(128, 10_240),
    awsRequestId: nonEmptyString,
    invokedFunctionArn: nonEmptyString,
    logGroupName: nonEmptyString,
    logStreamName: nonEmptyString,
    identity: anObject(),
    clientContext: anObject(),
    tenantId: nonEmptyString,
  })
  const remainingMs = options.remainingMs ?? 30_000
  const deadlineMs = Date.now() + remainingMs
  const functionName = options.functionName ?? 'my-function'
  const functionVersion = options.functionVersion ?? '$LATEST'
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion,
    invokedFunctionArn:
      options.invokedFunctionArn ??
      `arn:aws:lambda:${defaultRegion}:${defaultAccountId}:function:${functionName}`,
    memoryLimitInMB: String(options.memoryLimitInMB ?? 128),
    awsRequestId: options.awsRequestId ?? randomUUID(),
    logGroupName: options.logGroupName ?? `/aws/lambda/${functionName}`,
    logStreamName: options.logStreamName ?? newLogStreamName(functionVersion),
    ...(options.identity && { identity: options.identity }),
    ...(options.clientContext && { clientContext: options.clientContext }),
    ...(options.tenantId !== undefined && { tenantId: options.tenantId }),
    getRemainingTimeInMillis: () => Math.max(0, deadlineMs - Date.now()),
    done: () => rejectCallbackCompletion('done'),
    fail: () => rejectCallbackCompletion('fail'),
    succeed: () => rejectCallbackCompletion('succeed'),
  }
}

function rejectCallbackCompletion(method: string): never {
  throw new Error(
    `context.${method}() is not supported: callback-style completion is not supported. ` +
      'Return the result (or a promise of it) from the handler, or throw the error.',
  )
}
