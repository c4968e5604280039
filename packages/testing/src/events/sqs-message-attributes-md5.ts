import { createHash } from 'node:crypto'
import type { SQSMessageAttributes } from 'aws-lambda'

const transportTypes = { string: 1, binary: 2, stringList: 3, binaryList: 4 } as const

/**
 * `md5OfMessageAttributes` as SQS computes it (and SDKs verify it): MD5 over the attributes sorted by name,
 * each as length-prefixed name, data type, a transport type byte and length-prefixed value(s).
 */
export function md5OfMessageAttributes(attributes: SQSMessageAttributes): string {
  const hash = createHash('md5')
  const update = (bytes: Buffer) => {
    const length = Buffer.alloc(4)
    length.writeUInt32BE(bytes.byteLength)
    hash.update(length)
    hash.update(bytes)
  }
  for (const name of Object.keys(attributes).sort()) {
    const attribute = attributes[name]
    if (attribute === undefined) continue
    update(Buffer.from(name, 'utf8'))
    update(Buffer.from(attribute.dataType, 'utf8'))
    if (attribute.stringValue !== undefined) {
      hash.update(Buffer.of(transportTypes.string))
      update(Buffer.from(attribute.stringValue, 'utf8'))
    } else if (attribute.binaryValue !== undefined) {
      hash.update(Buffer.of(transportTypes.binary))
      update(Buffer.from(attribute.binaryValue, 'base64'))
    } else if (attribute.stringListValues !== undefined) {
      hash.update(Buffer.of(transportTypes.stringList))
      for (const value of attribute.stringListValues) update(Buffer.from(value, 'utf8'))
    } else if (attribute.binaryListValues !== undefined) {
      hash.update(Buffer.of(transportTypes.binaryList))
      for (const value of attribute.binaryListValues) update(Buffer.from(value, 'base64'))
    }
  }
  return hash.digest('hex')
}
