import type { StandardSchemaV1 } from '@standard-schema/spec'
import {
  aFunction,
  anObject,
  anyOf,
  checkOption,
  checkOptions,
  milliseconds,
  nonEmptyString,
  oneOf,
  required,
  standardSchema,
} from '@tsumiki/core'
import { appConfigSessionTransport } from '../transport/appconfig-session-transport.js'
import { checkSchema, invalid, type ValueSource } from './convert-value.js'
import type { ParameterDefinition } from './definition.js'

/**
 * How a configuration's text is read: as JSON, as text, or by a parser of yours (YAML: `parse` from the `yaml`
 * package, passed in so that its bytes are only in a function that reads YAML). Without one, the content type it
 * was deployed with decides: JSON is parsed, YAML is refused (give its parser), anything else is text.
 */
export type AppConfigFormat = 'json' | 'text' | ((text: string) => unknown)

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

/** AppConfig sessions take a poll interval of 15 s to 24 h. */
const minPollIntervalSeconds = 15
const maxPollIntervalSeconds = 86_400

/** An AppConfig configuration checked by a schema (any Standard Schema): the schema's output. */
export function appConfig<Schema extends StandardSchemaV1>(
  options: AppConfigOptions & { readonly schema: Schema },
): ParameterDefinition<StandardSchemaV1.InferOutput<Schema>>
/** An AppConfig configuration read by your parser (`format: parse` from `yaml`): what it returns. */
export function appConfig<Value>(
  options: AppConfigOptions & { readonly format: (text: string) => Value },
): ParameterDefinition<Value>
/** An AppConfig configuration's text. */
export function appConfig(
  options: AppConfigOptions & { readonly format: 'text' },
): ParameterDefinition<string>
/** An AppConfig configuration parsed (JSON, by `format` or its content type), unchecked. */
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
    format: anyOf(oneOf('json', 'text'), aFunction),
    maxAgeMs: milliseconds,
    schema: standardSchema,
  })
  const { schema, format, maxAgeMs } = options
  const source: ValueSource = { name, source: 'appConfig' }
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
      sessions: appConfigSessionTransport,
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
        throw invalid(
          source,
          `is YAML (${contentType}): give appConfig() its parser, format: parse from 'yaml'`,
        )
      } else if (typeof read === 'function') {
        try {
          value = read(text)
        } catch {
          // A parser's error may quote the text, as JSON's does.
          throw invalid(source, 'could not be read by its format function')
        }
      }
      return schema === undefined ? value : checkSchema(value, schema, text, source)
    },
  }
}

function formatOf(contentType: string | undefined): 'json' | 'yaml' | 'text' {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
  if (type === 'application/json' || type.endsWith('+json')) return 'json'
  if (/^(application|text)\/(x-)?yaml$/.test(type)) return 'yaml'
  return 'text'
}
