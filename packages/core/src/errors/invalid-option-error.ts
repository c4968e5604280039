import { errorBrand } from './brand.js'
import { TsumikiError } from './tsumiki-error.js'

const brand = /* @__PURE__ */ errorBrand<InvalidOptionError>('InvalidOptionError')

/**
 * A function of tsumiki was given an option it cannot use: a programmer error, thrown where the handler is built
 * (module load), never per request. The message names the function, the option, what it must be and what it got.
 */
export class InvalidOptionError extends TsumikiError {
  override readonly name: string = 'InvalidOptionError'
  /** The function that was called, e.g. `sqs()` or `idempotent()`. */
  readonly where: string
  readonly option: string

  constructor(where: string, option: string, expected: string, given: unknown) {
    super('INVALID_OPTION', `${where}: option '${option}' must be ${expected}, got ${describeGiven(given)}`)
    this.where = where
    this.option = option
    brand.mark(this)
  }
}

export function isInvalidOptionError(error: unknown): error is InvalidOptionError {
  return brand.is(error)
}

function describeGiven(given: unknown): string {
  if (given === 'an unknown option') return given
  if (typeof given === 'string') return JSON.stringify(given.length > 40 ? `${given.slice(0, 40)}…` : given)
  if (typeof given === 'number' || typeof given === 'boolean' || typeof given === 'bigint')
    return String(given)
  if (given === null || given === undefined) return String(given)
  if (typeof given === 'function') return 'a function'
  return Array.isArray(given) ? 'an array' : 'an object'
}
