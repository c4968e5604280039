/** Stands in for an input value a schema library wrote into its issue message. */
const redactedValue = '<redacted>'

// Long enough that replacing a bare occurrence will not eat ordinary words of the message ("received", "expected"
// are 8 letters: a value equal to one of them is only replaced where it is quoted).
const minBareLength = 9

/**
 * Removes the offending text value from an issue message. Some schema libraries quote what they received
 * (valibot: `Expected number but received "hunter2"`, zod 3: `received 'hunter2'`), and an issue message goes to
 * the client and to the logs, where a password or token must not appear. Numbers and booleans are kept: they are
 * what makes `Expected >=1 but received 0` actionable.
 */
export function redactInput(message: string, value: unknown): string {
  if (typeof value !== 'string' || value === '') return message
  let redacted = message
  for (const quoted of [JSON.stringify(value), `"${value}"`, `'${value}'`]) {
    if (redacted.includes(quoted)) redacted = redacted.replaceAll(quoted, redactedValue)
  }
  if (value.length >= minBareLength && redacted.includes(value))
    redacted = redacted.replaceAll(value, redactedValue)
  return redacted
}
