import type { TsumikiError } from '@tsumiki/core'
import { describe, expectTypeOf, it } from 'vitest'
import { type DeadLetter, dynamodbStreams, kinesis, permanent, sqs, sqsDeadLetter } from '../../src/index.js'

describe('dead-letter types', () => {
  it('permanent() keeps the error type, and wraps what is not an object', () => {
    expectTypeOf(permanent(new RangeError('x'))).toEqualTypeOf<RangeError>()
    expectTypeOf(permanent('text')).toEqualTypeOf<TsumikiError>()
  })

  it('takes deadLetter and isPermanent on every adapter', () => {
    const deadLetter = sqsDeadLetter({ queueUrl: 'https://sqs.eu-west-1.amazonaws.com/1/poison' })
    expectTypeOf(deadLetter).toEqualTypeOf<DeadLetter>()
    sqs({ deadLetter, isPermanent: (error) => error instanceof RangeError })
    kinesis({ deadLetter })
    dynamodbStreams({ deadLetter })
  })

  it('refuses misuse', () => {
    // @ts-expect-error queueUrl is required
    sqsDeadLetter({})
    // @ts-expect-error isPermanent answers a boolean
    kinesis({ isPermanent: (error: unknown) => String(error) })
    // @ts-expect-error deadLetter is made by sqsDeadLetter(), not a URL
    sqs({ deadLetter: 'https://sqs.eu-west-1.amazonaws.com/1/poison' })
  })
})
