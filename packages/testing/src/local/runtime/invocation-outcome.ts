import { LocalRuntimeError } from '../../errors/local-runtime-error.js'
import type { StreamedAnswer } from '../../invoke/streamed-response.js'
import type { FunctionError } from './local-runtime.js'

export type InvocationOutcome = { readonly result: unknown } | { readonly error: FunctionError }

/** The event as the Invoke API carries it: JSON text (no payload is `{}`, as Lambda passes it). */
export function eventJson(event: unknown): string {
  let json: string | undefined
  try {
    json = JSON.stringify(event === undefined ? {} : event)
  } catch (error) {
    throw new LocalRuntimeError('INVALID_EVENT', `The event cannot be sent as JSON: ${String(error)}`, {
      cause: error,
    })
  }
  if (json === undefined) {
    throw new LocalRuntimeError('INVALID_EVENT', `The event cannot be sent as JSON: it is a ${typeof event}.`)
  }
  return json
}

/** The function's answer as a caller of the Invoke API gets it: the JSON it sent, parsed. */
export function responseResult(body: string): unknown {
  try {
    return JSON.parse(body)
  } catch {
    return body
  }
}

/** A thrown value as the runtime client reports it. */
export function functionErrorOf(error: unknown): FunctionError {
  if (error instanceof Error) {
    return { errorType: error.name, errorMessage: error.message, trace: error.stack?.split('\n') ?? [] }
  }
  return { errorType: typeof error, errorMessage: String(error), trace: [] }
}

export function timeoutError(timeoutMs: number): FunctionError {
  return {
    errorType: 'Sandbox.Timedout',
    errorMessage: `Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds`,
    trace: [],
  }
}

export function exitError(code: number | null, signal: NodeJS.Signals | null, cause?: Error): FunctionError {
  const how = cause ? cause.message : signal ? `signal: ${signal}` : `exit status ${code}`
  return { errorType: 'Runtime.ExitError', errorMessage: `Runtime exited with error: ${how}`, trace: [] }
}

/**
 * A streamed answer as a buffered caller gets it: an HTTP stream as the prelude's fields and the whole `body` text,
 * any other stream as its text; a stream cut by an error is that error.
 */
export function streamedOutcome(answer: StreamedAnswer): InvocationOutcome {
  if (answer.error !== undefined) return { error: answer.error }
  return { result: answer.head === undefined ? answer.body : { ...answer.head.prelude, body: answer.body } }
}
