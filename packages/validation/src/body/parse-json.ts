import { malformed, PartFailure } from '../validate/part-failure.js'
import { defaultMaxDepth, nestsDeeperThan } from './json-depth.js'

// V8 describes most syntax errors as "<what> in JSON at position N", naming the grammar, never the text. The one
// form that quotes the text ("Unexpected token 'x', "...payload..." is not valid JSON") is not matched here.
const grammarError = /^([A-Za-z ,:'}\]]+) in JSON at position (\d+)/

/**
 * Parses JSON text, or says why it is not JSON without repeating any of it: the payload may hold a secret, and the
 * reason goes to the client and the log. `what` names the text in the issue, e.g. `the SNS notification`. Text
 * nesting deeper than `maxDepth` is refused before it is parsed (see `nestsDeeperThan`).
 */
export function parseJson(text: string, part: string, what = part, maxDepth = defaultMaxDepth): unknown {
  if (nestsDeeperThan(text, maxDepth)) {
    const where = what === part ? 'JSON' : `the JSON in ${what}`
    return malformed(
      part,
      `${part} nests deeper than ${maxDepth} levels`,
      `${where} nests objects and arrays deeper than the limit of ${maxDepth} levels`,
    )
  }
  try {
    return JSON.parse(text)
  } catch (error) {
    const where = what === part ? 'invalid JSON' : `invalid JSON in ${what}`
    return malformed(part, `${part} is not valid JSON`, `${where}: ${describeSyntaxError(error)}`)
  }
}

/** True when `parseJson` could not parse: its result is then the failure. */
export function isParseFailure(value: unknown): value is PartFailure {
  return value instanceof PartFailure
}

function describeSyntaxError(error: unknown): string {
  const message = error instanceof Error ? error.message : ''
  if (message === 'Unexpected end of JSON input') return 'it ends too early'
  const grammar = grammarError.exec(message)
  if (grammar !== null) return `${grammar[1]} at position ${grammar[2]}`
  return 'unexpected character'
}
