// Query strings in the two forms HTTP API and Function URL events carry them.

/** `rawQueryString` as a client sends it, every key and value percent-encoded. */
export function formatRawQueryString(entries: ReadonlyArray<readonly [string, string]>): string {
  return entries.map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`).join('&')
}

/** `queryStringParameters` of payload 2.0: decoded, with repeated keys' values joined by commas. */
export function toCommaJoinedParameters(
  entries: ReadonlyArray<readonly [string, string]>,
): Record<string, string> {
  // A Map, not an object: a name like `constructor` or `__proto__` must not meet Object.prototype.
  const parameters = new Map<string, string>()
  for (const [key, value] of entries) {
    const previous = parameters.get(key)
    parameters.set(key, previous === undefined ? value : `${previous},${value}`)
  }
  return Object.fromEntries(parameters)
}

export function parseRawQueryString(rawQueryString: string): Array<[string, string]> {
  return [...new URLSearchParams(rawQueryString)]
}

/** Entries of a decoded parameter map, read back as a client would have sent them. */
export function entriesOfParameters(
  parameters: Readonly<Record<string, string | undefined>>,
): Array<[string, string]> {
  return Object.entries(parameters).flatMap(([key, value]) =>
    value === undefined ? [] : [[key, value] satisfies [string, string]],
  )
}
