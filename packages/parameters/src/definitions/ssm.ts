import type { StandardSchemaV1 } from '@standard-schema/spec'
import {
  checkOption,
  checkOptions,
  milliseconds,
  nonEmptyString,
  type OptionRules,
  oneOf,
  required,
  standardSchema,
  trueOrFalse,
} from '@tsumiki/core'
import { convertValue, type ParameterFormat } from './convert-value.js'
import type { ParameterDefinition } from './definition.js'

export interface SsmOptions {
  /** Decrypt a SecureString (default true); false gives its ciphertext. */
  readonly decrypt?: boolean | undefined
  /** Overrides the store's `maxAgeMs` for this value. */
  readonly maxAgeMs?: number | undefined
  readonly format?: ParameterFormat | undefined
}

/** The rules of the options every definition takes: how long its value is kept and how it is read. */
export function valueOptionRules(): OptionRules<{
  maxAgeMs?: number
  format?: ParameterFormat
  schema?: StandardSchemaV1
}> {
  return { maxAgeMs: milliseconds, format: oneOf('text', 'json', 'list'), schema: standardSchema }
}

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
  options?: SsmOptions & { readonly format?: 'text' | undefined },
): ParameterDefinition<string>
export function ssm(
  name: string,
  options: SsmOptions & { readonly schema?: StandardSchemaV1 } = {},
): ParameterDefinition<unknown> {
  const where = `ssm('${name}')`
  checkOption(where, 'name', name, required(nonEmptyString))
  checkOptions<SsmOptions & { readonly schema?: StandardSchemaV1 }>(where, options, {
    ...valueOptionRules(),
    decrypt: trueOrFalse,
  })
  const { schema, format } = options
  return {
    source: 'ssm',
    name,
    decrypt: options.decrypt ?? true,
    recursive: false,
    maxAgeMs: options.maxAgeMs,
    convert: async (fetched) => {
      if (fetched.source !== 'ssm') throw new TypeError(`${where} was given a ${fetched.source} value`)
      return convertValue(fetched.parameter.value, fetched.parameter.type, format, schema, {
        name,
        source: 'ssm',
      })
    },
  }
}
