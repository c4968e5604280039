import { checkOption, checkOptions, InvalidEventError, oneOf, withMethod } from '@tsumiki/core'
import { framingOf, type SchemaRegistryFraming, unframe } from './schema-registry-framing.js'

/**
 * How `request.value` is read from a record's bytes. Made once with the adapter; `decode` runs when a handler first
 * reads `request.value`, and what it throws becomes `InvalidEventError`, a permanent failure of that record (parked
 * with a dead-letter queue): no retry changes a record's bytes.
 */
export interface KafkaValueDecoder<TValue> {
  /** What the value is (`json`, `avro`, `protobuf`, `text`), in the error of a value that does not decode. */
  readonly format: string
  readonly decode: (bytes: Buffer) => TValue
}

/** The part of an Avro type `avroValue()` uses: avsc's `Type` (`avro.Type.forSchema(schema)`) has it. */
export interface AvroType<TValue> {
  fromBuffer(buffer: Buffer): TValue
}

/** The part of a Protobuf message type `protobufValue()` uses: protobufjs's `Type` (`root.lookupType(name)`) has it. */
export interface ProtobufType<TValue> {
  decode(bytes: Uint8Array): TValue
}

const framingNames: readonly SchemaRegistryFraming[] = ['confluent', 'confluent-protobuf', 'glue', 'none']
const framings = oneOf(...framingNames)

export interface FramingOptions {
  /**
   * How the producer's serializer framed the bytes (see `SchemaRegistryFraming`). Default for JSON and Protobuf:
   * recognised from the first bytes (no JSON text and no Protobuf message begins with `0x00` or `0x03`).
   */
  readonly framing?: SchemaRegistryFraming | 'auto' | undefined
}

/** The value as UTF-8 text. */
export function textValue(): KafkaValueDecoder<string> {
  return { format: 'text', decode: (bytes) => bytes.toString('utf8') }
}

/**
 * The value as JSON (the default): UTF-8 text parsed, after a Confluent or Glue schema-registry header where the
 * producer's JSON Schema serializer wrote one. The type is what you say it is: check it with `validate()` on `body`
 * or a schema of your own.
 */
export function jsonValue<TValue = unknown>(options: FramingOptions = {}): KafkaValueDecoder<TValue> {
  checkOptions<FramingOptions>('jsonValue()', options, { framing: oneOf('auto', ...framingNames) })
  const framing = options.framing ?? 'auto'
  return {
    format: 'json',
    decode: (bytes) =>
      JSON.parse(unframe(bytes, framing === 'auto' ? framingOf(bytes, false) : framing).toString('utf8')),
  }
}

/**
 * The value as Avro, read by `type` (avsc: `avro.Type.forSchema(schema)`), after the schema-registry header
 * `framing` names. Default `'confluent'`: Avro's own bytes can begin with anything, so the framing is not guessed;
 * `'none'` for values a producer wrote without a registry, `'glue'` for AWS Glue Schema Registry.
 */
export function avroValue<TValue>(
  type: AvroType<TValue>,
  options: { readonly framing?: SchemaRegistryFraming | undefined } = {},
): KafkaValueDecoder<TValue> {
  checkOption('avroValue()', 'type', type, withMethod('fromBuffer'))
  checkOptions('avroValue()', options, { framing: framings })
  const framing = options.framing ?? 'confluent'
  return { format: 'avro', decode: (bytes) => type.fromBuffer(unframe(bytes, framing)) }
}

/**
 * The value as Protobuf, read by `type` (protobufjs: `root.lookupType('orders.Order')`), after a Confluent
 * (message indexes included) or Glue schema-registry header, recognised from the first byte unless `framing` says.
 */
export function protobufValue<TValue>(
  type: ProtobufType<TValue>,
  options: FramingOptions = {},
): KafkaValueDecoder<TValue> {
  checkOption('protobufValue()', 'type', type, withMethod('decode'))
  checkOptions<FramingOptions>('protobufValue()', options, { framing: oneOf('auto', ...framingNames) })
  const framing = options.framing ?? 'auto'
  return {
    format: 'protobuf',
    decode: (bytes) => type.decode(unframe(bytes, framing === 'auto' ? framingOf(bytes, true) : framing)),
  }
}

/** Reads `request.value`: a tombstone is undefined; what the decoder throws is the record's permanent failure. */
export function decodeValue<TValue>(
  decoder: KafkaValueDecoder<TValue>,
  bytes: Buffer | undefined,
  recordId: string,
): TValue | undefined {
  if (bytes === undefined) return undefined
  try {
    return decoder.decode(bytes)
  } catch (error) {
    if (error instanceof InvalidEventError) throw error
    throw new InvalidEventError(
      'kafka',
      `record ${recordId}: its value is not ${decoder.format} (${error instanceof Error ? error.message : String(error)})`,
    )
  }
}
