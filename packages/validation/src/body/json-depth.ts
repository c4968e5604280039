/** How deep JSON may nest unless `validate({ ... }, { maxDepth })` says otherwise. */
export const defaultMaxDepth = 64

const openBrace = 0x7b
const openBracket = 0x5b
const closeBrace = 0x7d
const closeBracket = 0x5d
const quote = 0x22
const backslash = 0x5c

/**
 * True when JSON text nests objects and arrays deeper than `maxDepth`. Read on the text, before it is parsed: a
 * schema for recursive data (`z.json()`, `z.lazy`) walks the parsed value recursively, and 10,000 levels overflow
 * the stack — a 500 for what is the client's mistake. Brackets inside strings do not count. A text no longer than
 * the limit cannot nest deeper than it, so a small body is not scanned at all.
 */
export function nestsDeeperThan(text: string, maxDepth: number): boolean {
  if (text.length <= maxDepth) return false
  let depth = 0
  let inString = false
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    if (inString) {
      if (code === backslash) index++
      else if (code === quote) inString = false
    } else if (code === quote) inString = true
    else if (code === openBrace || code === openBracket) {
      if (++depth > maxDepth) return true
    } else if (code === closeBrace || code === closeBracket) depth--
  }
  return false
}
