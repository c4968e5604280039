import { expect } from 'vitest'

export type LogLine = Record<string, unknown>

/**
 * A destination that keeps every line, for `write`. Each line must be one JSON object ending in exactly one
 * newline: `lines` parses them all, so a test that reads them checks that too.
 */
export function capture(): {
  readonly write: (line: string) => void
  readonly raw: string[]
  readonly lines: LogLine[]
} {
  const raw: string[] = []
  return {
    write: (line: string) => {
      raw.push(line)
    },
    raw,
    get lines(): LogLine[] {
      return raw.map(parseLine)
    },
  }
}

export function parseLine(line: string): LogLine {
  expect(line.endsWith('\n'), `line does not end with a newline: ${line}`).toBe(true)
  expect(line.slice(0, -1), 'a line holds one JSON text, with no raw newline').not.toContain('\n')
  const parsed: unknown = JSON.parse(line)
  expect(typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)).toBe(true)
  return parsed as LogLine
}

/** The keys of a JSON object text in the order written, duplicates kept (JSON.parse would hide them). */
export function topLevelKeys(line: string): string[] {
  const keys: string[] = []
  let depth = 0
  let index = 0
  while (index < line.length) {
    const char = line[index]
    if (char === '"') {
      const end = stringEnd(line, index)
      if (depth === 1 && line[end + 1] === ':') keys.push(JSON.parse(line.slice(index, end + 1)) as string)
      index = end + 1
      continue
    }
    if (char === '{' || char === '[') depth++
    if (char === '}' || char === ']') depth--
    index++
  }
  return keys
}

function stringEnd(text: string, start: number): number {
  let index = start + 1
  while (index < text.length) {
    if (text[index] === '\\') index += 2
    else if (text[index] === '"') return index
    else index++
  }
  return index
}
