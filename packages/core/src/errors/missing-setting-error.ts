import { errorBrand } from './brand.js'
import { TsumikiError } from './tsumiki-error.js'

const brand = /* @__PURE__ */ errorBrand<MissingSettingError>('MissingSettingError')

/**
 * Environment variables the function needs are missing or blank: a deployment mistake, stopped at cold start with
 * every one named at once, so one deploy fixes them all.
 */
export class MissingSettingError extends TsumikiError {
  override readonly name: string = 'MissingSettingError'
  /** The variables missing, in the order the settings name them. */
  readonly variables: readonly string[]

  constructor(variables: readonly string[]) {
    super(
      'MISSING_SETTING',
      `Missing environment variable${variables.length > 1 ? 's' : ''}: ${variables.join(', ')}`,
    )
    this.variables = variables
    brand.mark(this)
  }
}

export function isMissingSettingError(error: unknown): error is MissingSettingError {
  return brand.is(error)
}
