import { InvalidOptionError } from '@tsumiki/core'

/** A duration option: a finite number of milliseconds ≥ 0 (or undefined: the default). */
export function checkDuration(where: string, option: string, value: unknown): number | undefined {
  if (value === undefined) return undefined
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new InvalidOptionError(where, option, 'a number of milliseconds ≥ 0', value)
  }
  return value
}
