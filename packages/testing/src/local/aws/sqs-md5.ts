import { createHash } from 'node:crypto'

/** A message attribute as the SQS JSON protocol carries it (binary values base64-encoded). */
export interface SqsMessageAttributeValue {
  readonly DataType: string
  readonly StringValue?: string
  readonly BinaryValue?: string
}

export function md5OfBody(body: string): string {
  return createHash('md5').update(body, 'utf8').digest('hex')
}

/**
 * `MD5OfMessageAttributes` as SQS computes it, so clients that verify it agree: attributes sorted by name, each
 * encoded as length-prefixed name, length-prefixed data type, one transport byte (1 string, 2 binary) and the
 * length-prefixed value; lengths are 4-byte big-endian. Undefined when there are no attributes.
 */
export function md5OfMessageAttributes(
  attributes: Readonly<Record<string, SqsMessageAttributeValue>> | undefined,
): string | undefined {
  if (attributes === undefined) return undefined
  const names = Object.keys(attributes).sort()
  if (names.length === 0) return undefined
  const hash = createHash('md5')
  for (const name of names) {
    const attribute = attributes[name]
    if (attribute === undefined) continue
    hash.update(lengthPrefixed(Buffer.from(name, 'utf8')))
    hash.update(lengthPrefixed(Buffer.from(attribute.DataType, 'utf8')))
    if (attribute.BinaryValue !== undefined) {
      hash.update(Buffer.from([2]))
      hash.update(lengthPrefixed(Buffer.from(attribute.BinaryValue, 'base64')))
    } else {
      hash.update(Buffer.from([1]))
      hash.update(lengthPrefixed(Buffer.from(attribute.StringValue ?? '', 'utf8')))
    }
  }
  return hash.digest('hex')
}

function lengthPrefixed(bytes: Buffer): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(bytes.length)
  return Buffer.concat([length, bytes])
}
