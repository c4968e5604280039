import type { StandardSchemaV1 } from '@standard-schema/spec'
import {
  anObject,
  checkOption,
  checkOptions,
  importOptionalPeer,
  milliseconds,
  nonEmptyString,
  oneOf,
  required,
  standardSchema,
} from '@tsumiki/core'
import { checkSchema, invalid, type ValueSource } from './convert-value.js'
import type { ParameterDefinition } from './definition.js'

/** How a configuration's text is read. Without one, the content type it was deployed with decides. */
export type AppConfigFormat = 'json' | 'yaml' | 'text'

export interface AppConfigOptions {
  /** The AppConfig application (name or id). */
  readonly application: string
  /** The environment (name or id). */
  readonly environment: string
  /** The configuration profile (name or id). */
  readonly profile: string
  readonly format?: AppConfigFormat | undefined
  /**
   * Overrides the store's `maxAgeMs`. Also the session's minimum poll interval (whole seconds, 15 s to 24 h): the
   * configuration is not asked for more often than that, whatever the store's rules.
   */
  readonly maxAgeMs?: number | undefined
}

type YamlModule = typeof import('./yaml-parser.js')

/** AppConfig sessions take a poll interval of 15 s to 24 h. */
const minPollIntervalSeconds = 15
const maxPollIntervalSeconds = 86_400

/** An AppConfig configuration checked by a schema (any Standard Schema): the schema's output. */
export function appConfig<Schema extends StandardSchemaV1>(
  options: AppConfigOptions & { readonly schema: Schema },
): ParameterDefinition<StandardSchemaV1.InferOutput<Schema>>
/** An AppConfig configuration's text. */
export function appConfig(
  options: AppConfigOptions & { readonly format: 'text' },
): ParameterDefinition<string>
/** An AppConfig configuration parsed (JSON or YAML, by `format` or its content type), unchecked. */
export function appConfig(options: AppConfigOptions): ParameterDefinition<unknown>
export function appConfig(
  options: AppConfigOptions & { readonly schema?: StandardSchemaV1 },
): ParameterDefinition<unknown> {
  checkOption('appConfig()', 'options', options, required(anObject()))
  const name = `${String(options.application)}/${String(options.environment)}/${String(options.profile)}`
  const where = `appConfig('${name}')`
  checkOptions<AppConfigOptions & { readonly schema?: StandardSchemaV1 }>(where, options, {
    application: required(nonEmptyString),
    environment: required(nonEmptyString),
    profile: required(nonEmptyString),
    format: oneOf('json', 'yaml', 'text'),
    maxAgeMs: milliseconds,
    schema: standardSchema,
  })
  const { schema, format, maxAgeMs } = options
  const source: ValueSource = { name, source: 'appConfig' }
  let loadingYaml: Promise<YamlModule> | undefined
  const loadYaml = () => {
    loadingYaml ??= importOptionalPeer(
      'yaml',
      'Reading a YAML AppConfig configuration',
      (): Promise<YamlModule> => import('./yaml-parser.js'),
    ).catch((error: unknown) => {
      loadingYaml = undefined
      throw error
    })
    return loadingYaml
  }
  return {
    source: 'appConfig',
    name,
    decrypt: false,
    recursive: false,
    maxAgeMs,
    appConfig: {
      application: options.application,
      environment: options.environment,
      profile: options.profile,
      pollIntervalSeconds:
        maxAgeMs === undefined
          ? undefined
          : Math.min(maxPollIntervalSeconds, Math.max(minPollIntervalSeconds, Math.ceil(maxAgeMs / 1000))),
    },
    convert: async (fetched) => {
      if (fetched.source !== 'appConfig') throw new TypeError(`${where} was given a ${fetched.source} value`)
      const { text, contentType } = fetched.configuration
      const read = format ?? formatOf(contentType)
      let value: unknown = text
      if (read === 'json') {
        try {
          value = JSON.parse(text) as unknown
        } catch {
          // The SyntaxError quotes the text: it is neither kept as the cause nor repeated.
          throw invalid(source, 'is not valid JSON')
        }
      } else if (read === 'yaml') {
        const { parseYaml } = await loadYaml()
        try {
          value = parseYaml(text)
        } catch {
          throw invalid(source, 'is not valid YAML')
        }
      }
      return schema === undefined ? value : checkSchema(value, schema, text, source)
    },
  }
}

function formatOf(contentType: string | undefined): AppConfigFormat {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
  if (type === 'application/json' || type.endsWith('+json')) return 'json'
  if (/^(application|text)\/(x-)?yaml$/.test(type)) return 'yaml'
  return 'text'
}
