import { deflateSync } from 'node:zlib'
import { isInvalidOptionError, lambda } from '@tsumiki/core'
import { events } from '@tsumiki/testing'
import avro from 'avsc'
import protobuf from 'protobufjs'
import { beforeEach, describe, expect, it } from 'vitest'
import {
  avroValue,
  jsonValue,
  type KafkaEvent,
  type KafkaValueDecoder,
  kafka,
  protobufValue,
  textValue,
} from '../../../src/index.js'
import { captureStderr, createContext } from '../../support/fixtures.js'

let stderr: ReturnType<typeof captureStderr>
beforeEach(() => {
  stderr = captureStderr()
  return () => stderr.restore()
})

/** What the chain saw of each record's value (or the failure reading it), and the response. */
async function read<TValue>(decoder: KafkaValueDecoder<TValue> | undefined, event: KafkaEvent) {
  const seen: unknown[] = []
  const handler = lambda(kafka(decoder === undefined ? {} : { value: decoder })).handle(({ value }) => {
    seen.push(value)
  })
  const response = await handler(event, createContext()).catch((error: unknown) => ({ threw: error }))
  return { seen, response }
}

const confluent = (schemaId: number, payload: Uint8Array, indexes: readonly number[] = []) => {
  const header = Buffer.alloc(5) // 0x00, then the schema id, big-endian
  header.writeUInt32BE(schemaId, 1)
  return Buffer.concat([header, Buffer.from(indexes), Buffer.from(payload)])
}
const schemaVersionId = Buffer.from('5b1a3d1e9c2f4e7a8b6c0d1e2f3a4b5c', 'hex')
const glue = (payload: Uint8Array, zlib = false) =>
  Buffer.concat([
    Buffer.from([3, zlib ? 5 : 0]),
    schemaVersionId,
    zlib ? deflateSync(payload) : Buffer.from(payload),
  ])

describe('AWS’s sample events', () => {
  // The shapes of the sample events in Lambda's documentation (with-msk.html, with-kafka.html).
  const record = {
    topic: 'mytopic',
    partition: 0,
    offset: 15,
    timestamp: 1545084650987,
    timestampType: 'CREATE_TIME',
    key: 'cmVjb3JkS2V5',
    value: 'eyJrZXkiOiJ2YWx1ZSJ9',
    headers: [{ headerKey: [104, 101, 97, 100, 101, 114, 86, 97, 108, 117, 101] }],
  } as const
  const msk: KafkaEvent = {
    eventSource: 'aws:kafka',
    eventSourceArn:
      'arn:aws:kafka:us-east-1:123456789012:cluster/vpc-2priv-2pub/751d2973-a626-431c-9d4e-d7975eb44dd7-2',
    bootstrapServers: 'b-2.demo-cluster-1.a1bcde.c1.kafka.us-east-1.amazonaws.com:9092',
    records: { 'mytopic-0': [record] },
  }
  const selfManaged: KafkaEvent = {
    eventSource: 'SelfManagedKafka',
    bootstrapServers: 'b-2.demo-cluster-1.a1bcde.c1.kafka.us-east-1.amazonaws.com:9092',
    records: { 'mytopic-0': [record] },
  }

  it.each([
    ['Amazon MSK', msk],
    ['self-managed Kafka', selfManaged],
  ])('reads %s’s: key, value as text and as JSON, headers, ids', async (_, event) => {
    const seen: unknown[] = []
    const handler = lambda(kafka()).handle((request) => {
      seen.push({
        recordId: request.recordId,
        eventId: request.eventId,
        key: request.key,
        body: request.body,
        value: request.value,
        headers: request.headers,
        topic: request.topic,
        partition: request.partition,
        offset: request.offset,
      })
    })
    expect(await handler(event, createContext())).toEqual({ batchItemFailures: [] })
    expect(seen).toEqual([
      {
        recordId: 'mytopic-0:15',
        eventId: 'mytopic-0:15',
        key: 'recordKey',
        body: '{"key":"value"}',
        value: { key: 'value' },
        headers: { headerKey: 'headerValue' },
        topic: 'mytopic',
        partition: 0,
        offset: 15,
      },
    ])
  })

  it('parks a self-managed record (no cluster ARN) like any other: its dead-letter entry has no source ARN', async () => {
    const parked: unknown[] = []
    // A dead letter of our own that keeps what it is given (kafka.test.ts parks on a real SQS queue).
    const deadLetter = {
      name: 'kept',
      park: async (records: readonly unknown[]) => {
        parked.push(...records)
        return records.map(() => ({ parked: true as const }))
      },
    }
    // Reading the value decodes it: a value that is not JSON is a permanent failure, so it is parked.
    const handler = lambda(kafka({ deadLetter })).handle(({ value }) => value)
    const poisoned: KafkaEvent = {
      ...selfManaged,
      records: { 'mytopic-0': [{ ...record, value: Buffer.from('not json').toString('base64') }] },
    }
    expect(await handler(poisoned, createContext())).toEqual({ batchItemFailures: [] })
    expect(parked).toEqual([
      expect.objectContaining({ source: 'kafka', recordId: 'mytopic-0:15', sourceArn: undefined }),
    ])
  })
})

describe('request.value', () => {
  it('is JSON by default, read only when asked: a handler reading body alone never parses it', async () => {
    const event = events.kafka([{ text: 'not json' }, { json: { id: 2 } }])
    const bodies: unknown[] = []
    const handler = lambda(kafka()).handle(({ body }) => {
      bodies.push(body)
    })
    expect(await handler(event, createContext())).toEqual({ batchItemFailures: [] })
    expect(bodies).toEqual(['not json', '{"id":2}'])
  })

  it('fails only the record whose value does not decode, permanently, naming it and the format', async () => {
    const event = events.kafka([
      { topic: 'orders', partition: 0, offset: 1, json: { id: 1 } },
      { topic: 'orders', partition: 0, offset: 2, text: '{"cut' },
      { topic: 'orders', partition: 1, offset: 9, json: { id: 3 } },
    ])
    const { seen, response } = await read(undefined, event)
    expect(response).toEqual({
      batchItemFailures: [{ itemIdentifier: { partition: 'orders-0', offset: 2 } }],
    })
    expect(seen).toEqual([{ id: 1 }, { id: 3 }])
    expect(stderr.lines()).toContainEqual(
      expect.objectContaining({
        level: 'ERROR',
        record_id: 'orders-0:2',
        failure: 'permanent',
        error: expect.objectContaining({
          code: 'INVALID_EVENT',
          message: expect.stringMatching(/record orders-0:2: its value is not json/),
        }),
      }),
    )
  })

  it('is undefined for a tombstone, as are body and valueBytes', async () => {
    const seen: unknown[] = []
    const handler = lambda(kafka()).handle(({ value, body, valueBytes, key }) => {
      seen.push([value, body, valueBytes, key])
    })
    await handler(
      events.kafka([{ value: null, key: Buffer.from('order-7').toString('base64') }]),
      createContext(),
    )
    expect(seen).toEqual([[undefined, undefined, undefined, 'order-7']])
  })

  it('reads JSON behind a Confluent or a Glue schema-registry header (zlib-compressed too)', async () => {
    const order = { orderId: 'o-1', items: [1, 2] }
    const json = Buffer.from(JSON.stringify(order))
    const { seen } = await read(
      jsonValue(),
      events.kafka([
        { bytes: json },
        { bytes: confluent(7, json) },
        { bytes: glue(json) },
        { bytes: glue(json, true) },
      ]),
    )
    expect(seen).toEqual([order, order, order, order])
  })

  it('reads text', async () => {
    expect((await read(textValue(), events.kafka([{ text: 'ünïcode' }]))).seen).toEqual(['ünïcode'])
  })
})

describe('avroValue()', () => {
  const type = avro.Type.forSchema({
    type: 'record',
    name: 'Order',
    fields: [
      { name: 'id', type: 'int' },
      { name: 'sku', type: 'string' },
    ],
  })
  const order = { id: 0, sku: 'ab-1' } // id 0: its Avro bytes begin with 0x00, as Confluent's magic byte does

  it('reads Confluent-framed Avro by default, and plain or Glue-framed Avro when told', async () => {
    const bytes = type.toBuffer(order)
    expect(bytes[0]).toBe(0)
    const results = await Promise.all([
      read(avroValue<typeof order>(type), events.kafka([{ bytes: confluent(42, bytes) }])),
      read(avroValue<typeof order>(type, { framing: 'none' }), events.kafka([{ bytes }])),
      read(avroValue<typeof order>(type, { framing: 'glue' }), events.kafka([{ bytes: glue(bytes, true) }])),
    ])
    for (const { seen } of results) expect(seen).toEqual([expect.objectContaining(order)])
  })

  it('fails a record whose bytes are not the framing or not the schema', async () => {
    const { response } = await read(
      avroValue(type),
      events.kafka([
        { topic: 'a', bytes: Buffer.from([1, 2]) },
        { topic: 'b', bytes: confluent(1, Buffer.from([0xff])) },
      ]),
    )
    expect(response).toMatchObject({ threw: { name: 'RecordsFailedError' } })
    const messages = stderr.lines().map((line) => (line as { error?: { message?: string } }).error?.message)
    expect(messages).toContainEqual(expect.stringMatching(/Confluent wire format/))
    expect(messages).toContainEqual(expect.stringMatching(/its value is not avro/))
  })
})

describe('protobufValue()', () => {
  const { root } = protobuf.parse(`
    syntax = "proto3";
    package shop;
    message Refund { string id = 1; }
    message Order { string id = 1; repeated int32 items = 2; }
  `)
  const Order = root.lookupType('shop.Order')
  const bytes = Order.encode(Order.create({ id: 'o-1', items: [3, 4] })).finish()

  it('recognises Confluent framing with its message indexes, Glue framing, or none', async () => {
    const { seen } = await read(
      protobufValue(Order),
      events.kafka([
        { bytes },
        { bytes: confluent(5, bytes, [0]) }, // the schema's first message: one 0x00
        { bytes: confluent(5, bytes, [4, 2, 0]) }, // the path [1, 0]: count 2, then 1 and 0, zig-zag encoded
        { bytes: glue(bytes) },
      ]),
    )
    expect(seen.map((message) => Order.toObject(message as protobuf.Message))).toEqual(
      Array(4).fill({ id: 'o-1', items: [3, 4] }),
    )
  })
})

describe('misuse', () => {
  it('is an InvalidOptionError naming the option, where the decoder is made', () => {
    const misuses = [
      () => kafka({ value: {} as KafkaValueDecoder<unknown> }),
      () => avroValue({} as avro.Type),
      () => protobufValue(null as unknown as protobuf.Type),
      () => jsonValue({ framing: 'confluent-avro' as 'confluent' }),
      () => avroValue(avro.Type.forSchema('int'), { framing: 'auto' as 'none' }),
    ]
    for (const misuse of misuses) {
      let thrown: unknown
      try {
        misuse()
      } catch (error) {
        thrown = error
      }
      expect(isInvalidOptionError(thrown), String(thrown)).toBe(true)
    }
  })
})
