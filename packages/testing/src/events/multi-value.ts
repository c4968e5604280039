/**
 * Conversions between the single-value and multi-value maps of API Gateway REST and ALB events, which must
 * agree: the single-value map holds the last value of each name.
 */
export function toMultiValue(single: Readonly<Record<string, string | undefined>>): Record<string, string[]> {
  // Object.fromEntries defines own properties: a `__proto__` name stays a name, not the prototype.
  return Object.fromEntries(
    Object.entries(single).flatMap(([name, value]) => (value === undefined ? [] : [[name, [value]]])),
  )
}

export function toLastValues(
  multi: Readonly<Record<string, readonly string[] | undefined>>,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(multi).flatMap(([name, values]) => {
      const last = values?.at(-1)
      return last === undefined ? [] : [[name, last]]
    }),
  )
}
