// TEMPORARY until core's InvalidOptionError lands on main.
import { TsumikiError } from '@tsumiki/core'

export class InvalidOptionError extends TsumikiError {
  constructor(where: string, option: string, expected: string, given: unknown) {
    super('INVALID_OPTION', `${where}: ${option} must be ${expected}; got ${String(given)}.`)
  }
}

export function checkOptionKeys(where: string, options: object, knownKeys: readonly string[]): void {
  for (const key of Object.keys(options)) {
    if (!knownKeys.includes(key))
      throw new InvalidOptionError(where, key, `one of ${knownKeys.join(', ')}`, key)
  }
}
