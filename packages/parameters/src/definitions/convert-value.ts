import type { StandardSchemaV1 } from '@standard-schema/spec'
import { ParameterError, type ParameterFailure } from '../errors/parameter-error.js'
import type { SsmParameterType } from '../transport/fetched.js'

/**
 * How a value's text is read: as it is (`text`), parsed as JSON (`json`), or split at commas (`list`, as SSM
 * StringLists are). Without a format, a value with a schema is read as a list when it is a StringList, as JSON
 * when it starts with `{`, `[` or `"` (and parses), else as text; a value without a schema is text.
 */
export type ParameterFormat = 'text' | 'json' | 'list'

export interface ValueSource {
  readonly name: string
  readonly source: ParameterFailure['source']
}

/** Reads `text` in `format` and checks it against `schema`. Failures name the parameter, never the value. */
export async function convertValue(
  text: string,
  ssmType: SsmParameterType | undefined,
  format: ParameterFormat | undefined,
  schema: StandardSchemaV1 | undefined,
  where: ValueSource,
): Promise<unknown> {
  const value = readFormat(text, ssmType, format ?? (schema === undefined ? 'text' : undefined), where)
  return schema === undefined ? value : checkSchema(value, schema, text, where)
}

/** `value` (read from `text`) checked against `schema`: its output, or a `ParameterError` that never quotes `text`. */
export async function checkSchema(
  value: unknown,
  schema: StandardSchemaV1,
  text: string,
  where: ValueSource,
): Promise<unknown> {
  const result = await schema['~standard'].validate(value)
  if (result.issues === undefined) return result.value
  const detail = result.issues
    .map((issue) => {
      const path = (issue.path ?? [])
        .map((segment) => String(typeof segment === 'object' ? segment.key : segment))
        .join('.')
      return path === '' ? issue.message : `${path}: ${issue.message}`
    })
    .join('; ')
  throw invalid(where, `does not match its schema (${withoutValue(detail, text)})`)
}

function readFormat(
  text: string,
  ssmType: SsmParameterType | undefined,
  format: ParameterFormat | undefined,
  where: ValueSource,
): unknown {
  switch (format) {
    case 'text':
      return text
    case 'list':
      return text.split(',')
    case 'json':
      return parseJson(text, where)
    default:
      if (ssmType === 'StringList') return text.split(',')
      if (/^\s*[[{"]/.test(text)) {
        try {
          return JSON.parse(text) as unknown
        } catch {
          return text
        }
      }
      return text
  }
}

function parseJson(text: string, where: ValueSource): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    // The SyntaxError quotes the text: it is neither kept as the cause nor repeated.
    throw invalid(where, 'is not valid JSON')
  }
}

export function invalid(where: ValueSource, detail: string): ParameterError {
  return new ParameterError([{ name: where.name, source: where.source, reason: 'invalid', detail }])
}

// A schema's own message may quote what it was given; the value must not reach an error message.
function withoutValue(detail: string, text: string): string {
  return text.length >= 4 ? detail.split(text).join('[redacted]') : detail
}
