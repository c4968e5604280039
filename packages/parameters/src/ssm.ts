import type { StandardSchemaV1 } from '@standard-schema/spec'
import { checkOptionKeys, InvalidOptionError } from '@tsumiki/core'
import { checkDuration } from './check-max-age.js'
import { convertValue, type ParameterFormat } from './convert-value.js'
import type { ParameterDefinition } from './definition.js'

export interface SsmOptions {
  /** Decrypt a SecureString (default true); false gives its ciphertext. */
  readonly decrypt?: boolean
  /** Overrides the store's `maxAgeMs` for this value. */
  readonly maxAgeMs?: number
  readonly format?: ParameterFormat
}

const ssmOptionKeys = ['decrypt', 'maxAgeMs', 'format', 'schema'] as const
const formats: readonly ParameterFormat[] = ['text', 'json', 'list']

/** An SSM parameter whose value is checked by a zod (or any Standard Schema) schema: the schema's output. */
export function ssm<Schema extends StandardSchemaV1>(
  name: string,
  options: SsmOptions & { readonly schema: Schema },
): ParameterDefinition<StandardSchemaV1.InferOutput<Schema>>
/** An SSM parameter split at commas (a StringList). */
export function ssm(
  name: string,
  options: SsmOptions & { readonly format: 'list' },
): ParameterDefinition<readonly string[]>
/** An SSM parameter parsed as JSON, unchecked: give a schema to type it. */
export function ssm(
  name: string,
  options: SsmOptions & { readonly format: 'json' },
): ParameterDefinition<unknown>
/** An SSM parameter's text (a StringList as SSM stores it, comma-separated). */
export function ssm(
  name: string,
  options?: SsmOptions & { readonly format?: 'text' },
): ParameterDefinition<string>
export function ssm(
  name: string,
  options: SsmOptions & { readonly schema?: StandardSchemaV1 } = {},
): ParameterDefinition<unknown> {
  const where = `ssm('${name}')`
  checkName(where, 'name', name)
  checkOptionKeys(where, options, ssmOptionKeys)
  const { schema, format } = checkValueOptions(where, options)
  return {
    source: 'ssm',
    name,
    decrypt: checkDecrypt(where, options.decrypt),
    recursive: false,
    maxAgeMs: checkDuration(where, 'maxAgeMs', options.maxAgeMs),
    convert: async (fetched) => {
      if (fetched.source !== 'ssm') throw new TypeError(`${where} was given a ${fetched.source} value`)
      return convertValue(fetched.parameter.value, fetched.parameter.type, format, schema, {
        name,
        source: 'ssm',
      })
    },
  }
}

export function checkName(where: string, option: string, name: unknown): void {
  if (typeof name !== 'string' || name.length === 0) {
    throw new InvalidOptionError(where, option, 'a non-empty string', name)
  }
}

export function checkDecrypt(where: string, decrypt: unknown): boolean {
  if (decrypt === undefined) return true
  if (typeof decrypt !== 'boolean') throw new InvalidOptionError(where, 'decrypt', 'true or false', decrypt)
  return decrypt
}

export function checkValueOptions(
  where: string,
  options: { readonly format?: unknown; readonly schema?: unknown },
): { readonly format: ParameterFormat | undefined; readonly schema: StandardSchemaV1 | undefined } {
  const { format, schema } = options
  if (format !== undefined && !formats.includes(format as ParameterFormat)) {
    throw new InvalidOptionError(where, 'format', `one of ${formats.map((f) => `'${f}'`).join(', ')}`, format)
  }
  if (schema !== undefined && !isStandardSchema(schema)) {
    throw new InvalidOptionError(where, 'schema', 'a zod (or any Standard Schema v1) schema', schema)
  }
  return { format: format as ParameterFormat | undefined, schema }
}

function isStandardSchema(value: unknown): value is StandardSchemaV1 {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return false
  const props = (value as { '~standard'?: { version?: unknown; validate?: unknown } })['~standard']
  return (
    typeof props === 'object' && props !== null && props.version === 1 && typeof props.validate === 'function'
  )
}
