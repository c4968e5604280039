import {
  describeThrown,
  jsonString,
  nonObjectErrorFields,
  type RedactState,
  type ReservedKeys,
  redactedText,
  reservedKeys,
  safeJson,
  safeJsonMembers,
  sensitivePattern,
  sensitiveValues,
} from '@tsumiki/core'
import type { LogFields } from '../config/resolve-config.js'

// The JSON of a line's parts, each made once per logger where it can be and joined per call.

/** A key the logger writes itself and the value, written in this order after `message`. */
export type ContextEntry = readonly [key: string, value: string | boolean]

/** Keys every line may carry; fields and keys by these names are written as `field_<name>`. */
const standardKeys = [
  'timestamp',
  'level',
  'message',
  'service',
  'function_name',
  'function_version',
  'function_request_id',
  'cold_start',
  'xray_trace_id',
  'trace_id',
  'span_id',
  'correlation_id',
  'record_id',
] as const

export const reservedStandard: ReservedKeys = /* @__PURE__ */ reservedKeys(standardKeys)
export const reservedWithError: ReservedKeys = /* @__PURE__ */ reservedKeys(
  /* @__PURE__ */ (standardKeys as readonly string[]).concat('error'),
)

export function entriesJson(entries: readonly ContextEntry[], pattern: RegExp | undefined): string {
  let json = ''
  for (const [key, value] of entries) {
    json += `,"${key}":${typeof value === 'string' ? jsonString(value, pattern) : value}`
  }
  return json
}

// A key named `error` is renamed too: a line with an error argument writes its own.
export function keysJson(
  keys: LogFields,
  redact: RedactState | undefined,
  pattern: RegExp | undefined,
): string {
  return safeJsonMembers(keys, redact, pattern, reservedWithError)
}

export function errorJson(
  error: unknown,
  redact: RedactState | undefined,
  pattern: RegExp | undefined,
): string {
  const state = redact?.step('error')
  if (state?.redacts) return JSON.stringify(redactedText)
  const value = typeof error === 'object' && error !== null ? error : nonObjectErrorFields(error)
  return safeJson(value, state, pattern) ?? 'null'
}

export function messageText(message: unknown): string {
  return typeof message === 'string' ? message : describeThrown(message)
}

/** The registered sensitive values as one pattern, and the registry's version: the logger's JSON is rebuilt on change. */
export function sensitiveState(): { readonly pattern: RegExp | undefined; readonly version: number } {
  return { pattern: sensitivePattern(), version: sensitiveValues().version }
}
