import { lambda } from '@tsumiki/core'
import { logger } from '@tsumiki/logger'
import { validate } from '@tsumiki/validation'
import { describe, expectTypeOf, it } from 'vitest'
import * as z from 'zod'
import { type KafkaHandler, type KafkaOptions, kafka } from '../support/kafka-adapter/kafka.js'
import type { KafkaRequest } from '../support/kafka-adapter/kafka-request.js'
import type { KafkaItemIdentifier } from '../support/kafka-adapter/kafka-table.js'

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
})
