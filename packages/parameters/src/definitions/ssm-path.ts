import type { StandardSchemaV1 } from '@standard-schema/spec'
import { checkOption, checkOptions, matching, required, setOwn, trueOrFalse } from '@tsumiki/core'
import { isParameterError, ParameterError, type ParameterFailure } from '../errors/parameter-error.js'
import { convertValue } from './convert-value.js'
import type { ParameterDefinition } from './definition.js'
import { isSensitiveParameter, registerSensitive } from './register-sensitive.js'
import { type SsmOptions, valueOptionRules } from './ssm.js'

export interface SsmPathOptions extends SsmOptions {
  /** Include every level below the path (keys like `db/host`); default true. False: direct children only. */
  readonly recursive?: boolean | undefined
}

/** Every parameter under a path, each checked by the schema, keyed by its name below the path. */
export function ssmPath<Schema extends StandardSchemaV1>(
  path: string,
  options: SsmPathOptions & { readonly schema: Schema },
): ParameterDefinition<Readonly<Record<string, StandardSchemaV1.InferOutput<Schema>>>>
/** Every parameter under a path, split at commas. */
export function ssmPath(
  path: string,
  options: SsmPathOptions & { readonly format: 'list' },
): ParameterDefinition<Readonly<Record<string, readonly string[]>>>
/** Every parameter under a path, parsed as JSON, unchecked. */
export function ssmPath(
  path: string,
  options: SsmPathOptions & { readonly format: 'json' },
): ParameterDefinition<Readonly<Record<string, unknown>>>
/** Every parameter under a path as text, keyed by its name below the path: `/orders/table` → `table`. */
export function ssmPath(
  path: string,
  options?: SsmPathOptions & { readonly format?: 'text' | undefined },
): ParameterDefinition<Readonly<Record<string, string>>>
export function ssmPath(
  path: string,
  options: SsmPathOptions & { readonly schema?: StandardSchemaV1 } = {},
): ParameterDefinition<Readonly<Record<string, unknown>>> {
  const where = `ssmPath('${path}')`
  checkOption(where, 'path', path, required(matching(/^\//)))
  checkOptions<SsmPathOptions & { readonly schema?: StandardSchemaV1 }>(where, options, {
    ...valueOptionRules(),
    decrypt: trueOrFalse,
    recursive: trueOrFalse,
  })
  const { schema, format } = options
  const prefix = path.endsWith('/') ? path : `${path}/`
  const decrypt = options.decrypt ?? true
  return {
    source: 'ssmPath',
    name: path,
    decrypt,
    recursive: options.recursive ?? true,
    maxAgeMs: options.maxAgeMs,
    convert: async (fetched) => {
      if (fetched.source !== 'ssmPath') throw new TypeError(`${where} was given a ${fetched.source} value`)
      const values: Record<string, unknown> = {}
      const failures: ParameterFailure[] = []
      await Promise.all(
        fetched.parameters.map(async (parameter) => {
          try {
            const value = await convertValue(parameter.value, parameter.type, format, schema, {
              name: parameter.name,
              source: 'ssmPath',
            })
            // fetchDefinitions registered the SecureString's text before converting it; its parsed value too, whole.
            if (decrypt && isSensitiveParameter(parameter)) registerSensitive(parameter.value, value)
            setOwn(values, parameter.name.slice(prefix.length), value)
          } catch (error) {
            if (!isParameterError(error)) throw error
            failures.push(...error.failures)
          }
        }),
      )
      if (failures.length > 0) throw new ParameterError(failures)
      return values
    },
  }
}
