import { LocalAwsError } from './local-aws-error.js'

/** Operations the local endpoint answers, by the name in their `X-Amz-Target` (unique across the three services). */
export type LocalAwsOperation =
  | 'GetParameter'
  | 'GetParameters'
  | 'GetParametersByPath'
  | 'GetSecretValue'
  | 'BatchGetSecretValue'
  | 'GetQueueUrl'
  | 'SendMessage'
  | 'SendMessageBatch'
  | 'ReceiveMessage'
  | 'DeleteMessage'

/**
 * A fault for `localAws.inject()`: an error answer for the next `times` calls of an operation (every call until
 * `clearFaults()` without `times`), or latency added before every answer (of one operation, or all).
 */
export type LocalAwsFault =
  | {
      readonly operation: LocalAwsOperation
      /**
       * `throttle`: 400 ThrottlingException (the SDK retries it); `server-error`: 500 InternalServerError (retried
       * too); `access-denied`: 400 AccessDeniedException, as when IAM lacks the action.
       */
      readonly fault: LocalAwsFaultKind
      readonly times?: number
    }
  | { readonly latencyMs: number; readonly operation?: LocalAwsOperation }

export type LocalAwsFaultKind = 'throttle' | 'server-error' | 'access-denied'

interface ErrorRule {
  readonly operation: string
  readonly fault: LocalAwsFaultKind
  remaining: number
}

/** The injected faults, consulted once per request. */
export class Faults {
  readonly #errors: ErrorRule[] = []
  readonly #latency = new Map<string | undefined, number>()

  add(fault: LocalAwsFault): void {
    if ('latencyMs' in fault) {
      if (!Number.isFinite(fault.latencyMs) || fault.latencyMs < 0) {
        throw new TypeError(
          `inject(): latencyMs must be a number of milliseconds ≥ 0, got ${String(fault.latencyMs)}`,
        )
      }
      this.#latency.set(fault.operation, fault.latencyMs)
      return
    }
    const times = fault.times ?? Number.POSITIVE_INFINITY
    if (!(times >= 1)) throw new TypeError(`inject(): times must be at least 1, got ${String(fault.times)}`)
    this.#errors.push({ operation: fault.operation, fault: fault.fault, remaining: times })
  }

  clear(): void {
    this.#errors.length = 0
    this.#latency.clear()
  }

  latencyMs(operation: string): number {
    return this.#latency.get(operation) ?? this.#latency.get(undefined) ?? 0
  }

  /** The error this call must answer with, if a rule still applies to it (and uses up one of its times). */
  takeError(operation: string): LocalAwsError | undefined {
    const index = this.#errors.findIndex((rule) => rule.operation === operation)
    const rule = this.#errors[index]
    if (rule === undefined) return undefined
    rule.remaining--
    if (rule.remaining <= 0) this.#errors.splice(index, 1)
    switch (rule.fault) {
      case 'throttle':
        return new LocalAwsError('ThrottlingException', 'Rate exceeded')
      case 'access-denied':
        return new LocalAwsError(
          'AccessDeniedException',
          `User is not authorized to perform ${operation} (injected by the test).`,
        )
      default:
        return new LocalAwsError(
          'InternalServerError',
          'An internal error occurred (injected by the test).',
          500,
        )
    }
  }
}
