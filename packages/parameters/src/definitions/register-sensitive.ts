import { registerSensitiveData, registerSensitiveValue } from '@tsumiki/core'
import type { FetchedParameter } from '../transport/fetched.js'

/** A SecureString read decrypted is as sensitive as a secret. */
export function isSensitiveParameter(parameter: FetchedParameter): boolean {
  return parameter.type === 'SecureString'
}

/**
 * Registers a secret's text, and what it was converted to, with core's registry: the text as it was read, and the
 * converted value whole (`registerSensitiveData`): a parsed JSON secret's objects and arrays by identity, so that
 * logging it or any part of it prints `[REDACTED]` in place of all its values, and its strings and numbers as text
 * (a JSON secret's password is logged on its own more often than the whole JSON).
 */
export function registerSensitive(text: string, converted?: unknown): void {
  registerSensitiveValue(text)
  registerSensitiveData(converted)
}
