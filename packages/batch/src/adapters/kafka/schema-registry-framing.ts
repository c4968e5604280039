import { InvalidEventError } from '@tsumiki/core'

/**
 * How a producer's serializer framed a value before its bytes:
 * - `'confluent'`: Confluent's wire format, a `0x00` magic byte and a 4-byte schema id (big-endian);
 * - `'confluent-protobuf'`: the same, then the message indexes Confluent's Protobuf serializer adds (a zig-zag varint
 *   count, then as many zig-zag varints; a single `0x00` for the first message of the schema);
 * - `'glue'`: AWS Glue Schema Registry's, a `0x03` header version, a compression byte (`0x00` none, `0x05` zlib) and
 *   the schema version's 16-byte UUID;
 * - `'none'`: no framing, the bytes are the value.
 */
export type SchemaRegistryFraming = 'confluent' | 'confluent-protobuf' | 'glue' | 'none'

const confluentMagicByte = 0x00
const glueHeaderVersion = 0x03
const glueNoCompression = 0x00
const glueZlib = 0x05
const glueHeaderBytes = 18

/**
 * The value's own bytes, without the framing `framing` names; `InvalidEventError` (a permanent failure: retrying
 * cannot change the bytes) when the bytes do not carry it.
 */
export function unframe(bytes: Buffer, framing: SchemaRegistryFraming): Buffer {
  switch (framing) {
    case 'none':
      return bytes
    case 'confluent':
      return afterConfluentHeader(bytes)
    case 'confluent-protobuf':
      return afterMessageIndexes(afterConfluentHeader(bytes))
    case 'glue':
      return afterGlueHeader(bytes)
  }
}

/** The framing a value's first bytes show, where no value of the format can begin that way (JSON text, Protobuf). */
export function framingOf(bytes: Buffer, protobuf: boolean): SchemaRegistryFraming {
  if (bytes.length >= 5 && bytes[0] === confluentMagicByte)
    return protobuf ? 'confluent-protobuf' : 'confluent'
  if (
    bytes.length >= glueHeaderBytes &&
    bytes[0] === glueHeaderVersion &&
    (bytes[1] === glueNoCompression || bytes[1] === glueZlib)
  ) {
    return 'glue'
  }
  return 'none'
}

function afterConfluentHeader(bytes: Buffer): Buffer {
  if (bytes.length < 5 || bytes[0] !== confluentMagicByte) {
    throw new InvalidEventError(
      'kafka',
      'a value does not start with the Confluent wire format (0x00, schema id)',
    )
  }
  return bytes.subarray(5)
}

function afterMessageIndexes(bytes: Buffer): Buffer {
  let offset = 0
  const readZigZag = (): number => {
    let value = 0
    let shift = 0
    for (;;) {
      const byte = bytes[offset++]
      if (byte === undefined || shift > 28) {
        throw new InvalidEventError('kafka', 'a value’s Confluent Protobuf message indexes are cut short')
      }
      value |= (byte & 0x7f) << shift
      if ((byte & 0x80) === 0) return (value >>> 1) ^ -(value & 1)
      shift += 7
    }
  }
  const count = readZigZag()
  if (count < 0 || count > bytes.length) {
    throw new InvalidEventError('kafka', 'a value’s Confluent Protobuf message indexes are not a list')
  }
  for (let index = 0; index < count; index++) readZigZag()
  return bytes.subarray(offset)
}

function afterGlueHeader(bytes: Buffer): Buffer {
  if (bytes.length < glueHeaderBytes || bytes[0] !== glueHeaderVersion) {
    throw new InvalidEventError('kafka', 'a value does not start with the Glue Schema Registry header (0x03)')
  }
  const payload = bytes.subarray(glueHeaderBytes)
  if (bytes[1] === glueNoCompression) return payload
  if (bytes[1] === glueZlib) {
    // node:zlib only for a function whose producer compresses: most never load it.
    // (process.getBuiltinModule: Node 20.16 and later, every Lambda runtime.)
    const zlib = process.getBuiltinModule('node:zlib')
    try {
      return zlib.inflateSync(payload)
    } catch {
      throw new InvalidEventError(
        'kafka',
        'a Glue Schema Registry value marked zlib-compressed does not inflate',
      )
    }
  }
  throw new InvalidEventError(
    'kafka',
    `a Glue Schema Registry value names an unknown compression (${bytes[1]})`,
  )
}
