/**
 * Where the serialiser stands against a logger's redaction paths (`headers.authorization`, `**.password`). It
 * starts at the root of the line and takes one step per member key; `undefined` means no path can match anywhere
 * below, so the walk stops asking. The logger compiles its `redact` option into one.
 */
export interface RedactState {
  /** The value at this position is replaced whole. */
  readonly redacts: boolean
  step(key: string): RedactState | undefined
}
