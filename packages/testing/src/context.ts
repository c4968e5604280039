import { randomUUID } from 'node:crypto'
import type { ClientContext, CognitoIdentity, Context } from 'aws-lambda'
import { defaultAccountId, defaultRegion } from './aws-defaults.js'
import { newLogStreamName } from './log-stream-name.js'

export interface ContextOptions {
  /** Time left before the function times out, counted from when the context is created. Default 30 000. */
  remainingMs?: number
  /** Default `my-function`; the ARN and log names follow it. */
  functionName?: string
  /** Default `$LATEST`. */
  functionVersion?: string
  /** Default 128. */
  memoryLimitInMB?: number
  /** Default: a fresh UUID per context. */
  awsRequestId?: string
  /** Default: the unqualified ARN of `functionName`. */
  invokedFunctionArn?: string
  /** Default `/aws/lambda/<functionName>`. */
  logGroupName?: string
  /** Default `<yyyy>/<mm>/<dd>/[<functionVersion>]<32 hex digits>`, as Lambda names them. */
  logStreamName?: string
  identity?: CognitoIdentity
  clientContext?: ClientContext
  tenantId?: string
}

/**
 * A Lambda context whose `getRemainingTimeInMillis()` really counts down from its creation (and stops at 0),
 * so deadline logic can be tested with real or fake timers (it reads `Date.now()`).
 *
 * `done`, `fail` and `succeed` throw: they complete callback-style handlers, which the toolkit does not run.
 */
export function createContext(options: ContextOptions = {}): Context {
  const remainingMs = options.remainingMs ?? 30_000
  if (!Number.isFinite(remainingMs) || remainingMs < 0) {
    throw new RangeError(
      `remainingMs must be a finite number of milliseconds, at least 0; got ${remainingMs}.`,
    )
  }
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
