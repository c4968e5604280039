import { checkOption, milliseconds, required, wholeNumber } from '@tsumiki/core'
import { LocalAwsError } from '../../errors/local-aws-error.js'

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
  | 'StartConfigurationSession'
  | 'GetLatestConfiguration'
  /** The AppConfig agent's `GET /applications/{app}/environments/{env}/configurations/{profile}`. */
  | 'AgentGetConfiguration'

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
      readonly times?: number | undefined
    }
  | { readonly latencyMs: number; readonly operation?: LocalAwsOperation }

export type LocalAwsFaultKind = 'throttle' | 'server-error' | 'access-denied'

interface ErrorRule {
  readonly operation: string
  readonly tableName: string | undefined
  readonly fault: LocalAwsFaultKind
  remaining: number
}

interface LatencyRule {
  readonly operation: string | undefined
  readonly tableName: string | undefined
  readonly latencyMs: number
}

/** A fault as the servers take it: optionally scoped to one DynamoDB table (`tableName`). */
type ScopedFault =
  | {
      readonly operation: string
      readonly tableName?: string | undefined
      readonly fault: LocalAwsFaultKind
      readonly times?: number | undefined
    }
  | { readonly latencyMs: number; readonly operation?: string; readonly tableName?: string }

/** The injected faults of a local endpoint (the AWS one, or the DynamoDB one), consulted once per request. */
export class Faults {
  readonly #errors: ErrorRule[] = []
  readonly #latency: LatencyRule[] = []

  add(fault: ScopedFault): void {
    if ('latencyMs' in fault) {
      checkOption('inject()', 'latencyMs', fault.latencyMs, required(milliseconds))
      // The latest rule for the same scope replaces the earlier one.
      const index = this.#latency.findIndex(
        (rule) => rule.operation === fault.operation && rule.tableName === fault.tableName,
      )
      if (index >= 0) this.#latency.splice(index, 1)
      this.#latency.push({
        operation: fault.operation,
        tableName: fault.tableName,
        latencyMs: fault.latencyMs,
      })
      return
    }
    checkOption('inject()', 'times', fault.times, wholeNumber(1))
    const times = fault.times ?? Number.POSITIVE_INFINITY
    this.#errors.push({
      operation: fault.operation,
      tableName: fault.tableName,
      fault: fault.fault,
      remaining: times,
    })
  }

  clear(): void {
    this.#errors.length = 0
    this.#latency.length = 0
  }

  /** The latency of the most specific rule that applies: operation and table, then operation, then all. */
  latencyMs(operation: string, tableName?: string): number {
    let best: LatencyRule | undefined
    let bestScore = -1
    for (const rule of this.#latency) {
      if (rule.operation !== undefined && rule.operation !== operation) continue
      if (rule.tableName !== undefined && rule.tableName !== tableName) continue
      const score = (rule.operation === undefined ? 0 : 2) + (rule.tableName === undefined ? 0 : 1)
      if (score > bestScore) {
        best = rule
        bestScore = score
      }
    }
    return best?.latencyMs ?? 0
  }

  /** The error this call must answer with, if a rule still applies to it (and uses up one of its times). */
  takeError(operation: string, tableName?: string): LocalAwsError | undefined {
    const index = this.#errors.findIndex(
      (rule) =>
        rule.operation === operation && (rule.tableName === undefined || rule.tableName === tableName),
    )
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
