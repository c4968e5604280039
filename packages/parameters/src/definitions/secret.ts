import type { StandardSchemaV1 } from '@standard-schema/spec'
import { checkOption, checkOptions, nonEmptyString, required } from '@tsumiki/core'
import { ParameterError } from '../errors/parameter-error.js'
import { convertValue, type ParameterFormat } from './convert-value.js'
import type { ParameterDefinition } from './definition.js'
import { valueOptionRules } from './ssm.js'

export interface SecretOptions {
  /** Overrides the store's `maxAgeMs` for this value. */
  readonly maxAgeMs?: number | undefined
  readonly format?: Exclude<ParameterFormat, 'list'> | undefined
}

/** A Secrets Manager secret (by name or ARN) checked by a schema; a JSON secret is parsed first. */
export function secret<Schema extends StandardSchemaV1>(
  id: string,
  options: SecretOptions & { readonly schema: Schema },
): ParameterDefinition<StandardSchemaV1.InferOutput<Schema>>
/** A secret parsed as JSON, unchecked: give a schema to type it. */
export function secret(
  id: string,
  options: SecretOptions & { readonly format: 'json' },
): ParameterDefinition<unknown>
/** A secret's string. */
export function secret(
  id: string,
  options?: SecretOptions & { readonly format?: 'text' | undefined },
): ParameterDefinition<string>
export function secret(
  id: string,
  options: SecretOptions & { readonly schema?: StandardSchemaV1 } = {},
): ParameterDefinition<unknown> {
  const where = `secret('${id}')`
  checkOption(where, 'id', id, required(nonEmptyString))
  checkOptions<SecretOptions & { readonly schema?: StandardSchemaV1 }>(where, options, valueOptionRules())
  const { schema, format } = options
  return {
    source: 'secret',
    name: id,
    decrypt: true,
    recursive: false,
    maxAgeMs: options.maxAgeMs,
    convert: async (fetched) => {
      if (fetched.source !== 'secret') throw new TypeError(`${where} was given a ${fetched.source} value`)
      const text = fetched.secret.text
      if (text === undefined) {
        throw new ParameterError([
          {
            name: id,
            source: 'secret',
            reason: 'invalid',
            detail: 'is a binary secret; only string secrets are read',
          },
        ])
      }
      return convertValue(text, undefined, format, schema, { name: id, source: 'secret' })
    },
  }
}
