import { TsumikiError } from '@tsumiki/core'

// Stand-in for core's InvalidOptionError / checkOptionKeys (same shape), until the core commit that exports them
// is merged; then this file goes and imports come from @tsumiki/core.

export class InvalidOptionError extends TsumikiError {
  override readonly name: string = 'InvalidOptionError'
  readonly where: string
  readonly option: string

  constructor(where: string, option: string, expected: string, given: unknown) {
    super('INVALID_OPTION', `${where}: option ${option} must be ${expected}, got ${describe(given)}`)
    this.where = where
    this.option = option
  }
}

export function checkOptionKeys(where: string, options: object, knownKeys: readonly string[]): void {
  for (const key of Object.keys(options)) {
    if (!knownKeys.includes(key)) {
      throw new InvalidOptionError(where, key, `one of ${knownKeys.join(', ')}`, 'an unknown option')
    }
  }
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value)
  if (typeof value === 'number' || typeof value === 'boolean' || value === undefined || value === null)
    return String(value)
  return typeof value
}
