// A Map, not an object: a parameter may be named `constructor` or `__proto__`, which an object would not hold as is.
type QueryValues = Map<string, string[]>

/** Collects query parameters from the maps API Gateway and ALB deliver. ALB leaves values URL-encoded. */
export function queryFromMaps(
  single: unknown,
  multi: unknown,
  decode: boolean,
): { query: Record<string, string>; multiQuery: Record<string, string[]> } {
  const values: QueryValues = new Map()
  if (isRecord(multi)) {
    for (const [name, list] of Object.entries(multi)) {
      if (!Array.isArray(list)) continue
      const strings = list.filter((value): value is string => typeof value === 'string')
      if (strings.length > 0)
        values.set(
          decodeName(name, decode),
          strings.map((value) => decodeValue(value, decode)),
        )
    }
  } else if (isRecord(single)) {
    for (const [name, value] of Object.entries(single)) {
      if (typeof value === 'string') values.set(decodeName(name, decode), [decodeValue(value, decode)])
    }
  }
  return fromValues(values)
}

/** Parses a raw query string (`a=1&a=2&b=x%20y`), as HTTP API v2 and Function URLs deliver it. */
export function queryFromRaw(rawQueryString: string): {
  query: Record<string, string>
  multiQuery: Record<string, string[]>
} {
  const values: QueryValues = new Map()
  for (const [name, value] of new URLSearchParams(rawQueryString)) {
    const list = values.get(name)
    if (list === undefined) values.set(name, [value])
    else list.push(value)
  }
  return fromValues(values)
}

// Object.fromEntries defines own properties, so every name becomes a field, whatever Object.prototype has.
function fromValues(values: QueryValues): {
  query: Record<string, string>
  multiQuery: Record<string, string[]>
} {
  const firsts: Array<[string, string]> = []
  for (const [name, list] of values) {
    const first = list[0]
    if (first !== undefined) firsts.push([name, first])
  }
  return { query: Object.fromEntries(firsts), multiQuery: Object.fromEntries(values) }
}

function decodeName(name: string, decode: boolean): string {
  return decode ? decodeComponent(name) : name
}

function decodeValue(value: string, decode: boolean): string {
  return decode ? decodeComponent(value) : value
}

// Form encoding writes spaces as '+'; a malformed escape is kept as sent rather than failing the request.
function decodeComponent(text: string): string {
  const spaced = text.replaceAll('+', ' ')
  try {
    return decodeURIComponent(spaced)
  } catch {
    return spaced
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
