/** Message attribute names a correlation id travels under (SNS and SQS), in the order they are looked for. */
export const correlationAttributeNames = ['correlation_id', 'correlationId', 'x-correlation-id'] as const

/** The correlation id among a message's attributes (already read into own string values), if it carries one. */
export function correlationIdOf(attributes: Readonly<Record<string, string>>): string | undefined {
  for (const name of correlationAttributeNames) {
    if (Object.hasOwn(attributes, name)) return attributes[name]
  }
  return undefined
}
