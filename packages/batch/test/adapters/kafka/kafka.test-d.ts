import { lambda } from '@tsumiki/core'
import { logger } from '@tsumiki/logger'
import { validate } from '@tsumiki/validation'
import { describe, expectTypeOf, it } from 'vitest'
import * as z from 'zod'
import {
  avroValue,
  type KafkaHandler,
  type KafkaItemIdentifier,
  type KafkaOptions,
  type KafkaRequest,
  kafka,
  protobufValue,
  textValue,
} from '../../../src/index.js'

describe('an adapter built on runBatch(), as the guide builds it', () => {
  it('returns its named handler type, answering with its own item identifiers', () => {
    expectTypeOf(lambda(kafka()).handle(() => {})).toEqualTypeOf<KafkaHandler>()
    expectTypeOf<
      Awaited<ReturnType<KafkaHandler>>['batchItemFailures'][number]['itemIdentifier']
    >().toEqualTypeOf<KafkaItemIdentifier>()
  })

  it('composes with the logger and validation, unchanged', () => {
    lambda(kafka({ concurrency: 2 }))
      .use(logger())
      .use(validate({ body: z.object({ orderId: z.string() }) }))
      .handle((request) => {
        expectTypeOf(request).toExtend<KafkaRequest>()
        expectTypeOf(request.input.body.orderId).toEqualTypeOf<string>()
        expectTypeOf(request.log.info).toBeFunction()
      })
  })

  it('takes the options every batch adapter shares', () => {
    expectTypeOf<KafkaOptions>().toHaveProperty('isPermanent')
    expectTypeOf<KafkaOptions>().toHaveProperty('deadLetter')
  })

  it('types request.value by its decoder: unknown by default (JSON), the type the decoder reads otherwise', () => {
    interface Order {
      readonly id: number
    }
    lambda(kafka()).handle(({ value }) => {
      expectTypeOf(value).toEqualTypeOf<unknown>()
    })
    lambda(kafka({ value: textValue() })).handle(({ value }) => {
      expectTypeOf(value).toEqualTypeOf<string | undefined>()
    })
    const avroType = { fromBuffer: (_: Buffer): Order => ({ id: 1 }) }
    lambda(kafka({ value: avroValue(avroType) })).handle(({ value, valueBytes }) => {
      expectTypeOf(value).toEqualTypeOf<Order | undefined>()
      expectTypeOf(valueBytes).toEqualTypeOf<Buffer | undefined>()
    })
    const protobufType = { decode: (_: Uint8Array): Order => ({ id: 1 }) }
    lambda(kafka({ value: protobufValue(protobufType) })).handle(({ value }) => {
      expectTypeOf(value).toEqualTypeOf<Order | undefined>()
    })
  })

  it('refuses a decoder that is not one, and a framing that does not exist', () => {
    // @ts-expect-error a value decoder has `format` and `decode`
    kafka({ value: { decode: 42 } })
    // @ts-expect-error avroValue() reads with a type's fromBuffer()
    avroValue({ decode: (_: Uint8Array) => 1 })
    // @ts-expect-error the framings are 'confluent', 'confluent-protobuf', 'glue' and 'none'
    avroValue({ fromBuffer: (_: Buffer) => 1 }, { framing: 'auto' })
  })
})
