/**
 * Conversions between the single-value and multi-value maps of API Gateway REST and ALB events, which must
 * agree: the single-value map holds the last value of each name.
 */
export function toMultiValue(single: Readonly<Record<string, string | undefined>>): Record<string, string[]> {
  const multi: Record<string, string[]> = {}
  for (const [name, value] of Object.entries(single)) {
    if (value !== undefined) multi[name] = [value]
  }
  return multi
}

export function toLastValues(
  multi: Readonly<Record<string, readonly string[] | undefined>>,
): Record<string, string> {
  const single: Record<string, string> = {}
  for (const [name, values] of Object.entries(multi)) {
    const last = values?.at(-1)
    if (last !== undefined) single[name] = last
  }
  return single
}
