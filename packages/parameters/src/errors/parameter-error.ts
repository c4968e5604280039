import { errorBrand, TsumikiError } from '@tsumiki/core'

const brand = /* @__PURE__ */ errorBrand<ParameterError>('ParameterError')

/** Why one parameter could not be served. */
export interface ParameterFailure {
  /** The SSM parameter name, path or secret id, as defined. */
  readonly name: string
  readonly source: 'ssm' | 'secret' | 'ssmPath' | 'appConfig'
  /** `not-found`: it does not exist; `invalid`: its value did not fit its format or schema; `fetch`: the call failed. */
  readonly reason: 'not-found' | 'invalid' | 'fetch'
  /** Safe to log: never contains the value. */
  readonly detail: string
}

export type ParameterErrorCode = 'PARAMETER_NOT_FOUND' | 'PARAMETER_INVALID' | 'PARAMETER_FETCH_FAILED'

/**
 * One or more parameters or secrets could not be served. Names every one of them, with the reason, and never
 * their values. `code` is that of the first failure's kind: not found, then invalid, then fetch failures.
 */
export class ParameterError extends TsumikiError {
  override readonly name: string = 'ParameterError'
  override readonly code: ParameterErrorCode
  readonly failures: readonly ParameterFailure[]

  constructor(failures: readonly ParameterFailure[], options: { cause?: unknown } = {}) {
    const code = failures.some((failure) => failure.reason === 'not-found')
      ? 'PARAMETER_NOT_FOUND'
      : failures.some((failure) => failure.reason === 'invalid')
        ? 'PARAMETER_INVALID'
        : 'PARAMETER_FETCH_FAILED'
    super(code, describe(failures), options)
    this.code = code
    this.failures = failures
    brand.mark(this)
  }
}

export function isParameterError(error: unknown): error is ParameterError {
  return brand.is(error)
}

const sourceLabels = {
  ssm: 'SSM parameter',
  secret: 'secret',
  ssmPath: 'SSM path',
  appConfig: 'AppConfig configuration',
} as const

function describe(failures: readonly ParameterFailure[]): string {
  const missing = failures.filter((failure) => failure.reason === 'not-found')
  const others = failures.filter((failure) => failure.reason !== 'not-found')
  const parts: string[] = []
  if (missing.length > 0) {
    parts.push(
      `Not found: ${missing.map((failure) => `${sourceLabels[failure.source]} ${failure.name}`).join(', ')}`,
    )
  }
  for (const failure of others)
    parts.push(`${sourceLabels[failure.source]} ${failure.name}: ${failure.detail}`)
  return parts.join('; ')
}
