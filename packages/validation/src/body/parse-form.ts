import { setOwn } from '@tsumiki/core'
/** A form's fields: one value per name, or every value in order when the name repeats (`tag=a&tag=b`). */
export type FormFields = Record<string, string | string[]>

/**
 * Reads an `application/x-www-form-urlencoded` body. `+` is a space and escapes are decoded; a malformed escape is
 * kept as sent (URLSearchParams never rejects a form, so neither do we: the schema judges the values).
 */
export function parseForm(text: string): FormFields {
  const fields: FormFields = {}
  for (const [name, value] of new URLSearchParams(text)) {
    const existing = Object.hasOwn(fields, name) ? fields[name] : undefined
    if (existing === undefined) setOwn<string | string[]>(fields, name, value)
    else if (Array.isArray(existing)) existing.push(value)
    else setOwn<string | string[]>(fields, name, [existing, value])
  }
  return fields
}
