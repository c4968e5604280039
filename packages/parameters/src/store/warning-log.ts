/**
 * Where the store's warnings go when the request has no `log` (the logger middleware's is used first): the store's
 * `logger` option. Anything with a `warn` method fits; without one, core's line.
 */
export interface WarningLog {
  warn(message: string, fields?: Readonly<Record<string, unknown>>): void
}
