import { errorBrand } from './brand.js'
import { TsumikiError } from './tsumiki-error.js'

const brand = /* @__PURE__ */ errorBrand<MissingDependencyError>('MissingDependencyError')

/**
 * An optional peer dependency (an AWS SDK v3 client, `@aws-sdk/util-dynamodb`) could not be loaded when a feature
 * that needs it was first used. The message names the package to install and what needed it.
 */
export class MissingDependencyError extends TsumikiError {
  override readonly name: string = 'MissingDependencyError'
  /** The npm package to install, e.g. `@aws-sdk/client-sqs`. */
  readonly packageName: string

  constructor(packageName: string, neededFor: string, cause: unknown) {
    super(
      'MISSING_DEPENDENCY',
      `${neededFor} needs ${packageName}, which could not be loaded: install it (npm install ${packageName})`,
      { cause },
    )
    this.packageName = packageName
    brand.mark(this)
  }
}

export function isMissingDependencyError(error: unknown): error is MissingDependencyError {
  return brand.is(error)
}
