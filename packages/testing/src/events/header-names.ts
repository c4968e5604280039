/**
 * `defaults` without the headers that `overrides` name in any letter case.
 *
 * Header names are case-insensitive, so an override of `user-agent` must replace a default `User-Agent`
 * rather than sit beside it as a second user agent.
 */
export function withoutOverriddenHeaders<TValue>(
  defaults: Readonly<Record<string, TValue>>,
  ...overrides: Array<Readonly<Record<string, unknown>> | null | undefined>
): Record<string, TValue> {
  const overridden = new Set<string>()
  for (const headers of overrides) {
    for (const [name, value] of Object.entries(headers ?? {})) {
      if (value !== undefined) overridden.add(name.toLowerCase())
    }
  }
  return Object.fromEntries(Object.entries(defaults).filter(([name]) => !overridden.has(name.toLowerCase())))
}

/** The value of a header by case-insensitive name. */
export function findHeader(
  headers: Readonly<Record<string, string | undefined>> | null | undefined,
  name: string,
): string | undefined {
  const lowerName = name.toLowerCase()
  for (const [headerName, value] of Object.entries(headers ?? {})) {
    if (headerName.toLowerCase() === lowerName && value !== undefined) return value
  }
  return undefined
}
