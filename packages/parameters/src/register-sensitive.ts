import { registerSensitiveValue } from '@tsumiki/core'
import type { FetchedParameter } from './fetched.js'

/** A SecureString read decrypted is as sensitive as a secret. */
export function isSensitiveParameter(parameter: FetchedParameter): boolean {
  return parameter.type === 'SecureString'
}

/**
 * Registers a secret's text, and every string inside what it was converted to (a JSON secret's password is logged
 * on its own more often than the whole JSON), with core's registry: no tsumiki log line prints them.
 */
export function registerSensitive(text: string, converted?: unknown): void {
  registerSensitiveValue(text)
  registerStringsIn(converted, 0)
}

function registerStringsIn(value: unknown, depth: number): void {
  if (typeof value === 'string') {
    registerSensitiveValue(value)
    return
  }
  if (typeof value !== 'object' || value === null || depth > 8) return
  for (const item of Array.isArray(value) ? value : Object.values(value)) registerStringsIn(item, depth + 1)
}
