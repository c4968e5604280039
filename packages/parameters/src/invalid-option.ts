// Stand-in for core's InvalidOptionError / checkOptionKeys until the core commit that adds them is merged.
import { TsumikiError } from '@tsumiki/core'

export class InvalidOptionError extends TsumikiError {
  override readonly name: string = 'InvalidOptionError'
  constructor(where: string, option: string, expected: string, given: unknown) {
    super('INVALID_OPTION', `${where}: ${option} must be ${expected}, got ${describeGiven(given)}`)
  }
}

export function checkOptionKeys(where: string, options: object, knownKeys: readonly string[]): void {
  for (const key of Object.keys(options)) {
    if (!knownKeys.includes(key)) {
      throw new InvalidOptionError(
        where,
        key,
        `one of the known options (${knownKeys.join(', ')})`,
        'an unknown option',
      )
    }
  }
}

function describeGiven(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value)
  if (typeof value === 'function') return 'a function'
  if (typeof value === 'object' && value !== null) return Array.isArray(value) ? 'an array' : 'an object'
  return String(value)
}
