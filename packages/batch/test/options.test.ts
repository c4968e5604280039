import { isInvalidOptionError, isTsumikiError } from '@tsumiki/core'
import { describe, expect, it } from 'vitest'
import { dynamodbStreams, isRecordsNotRunError, kinesis, RecordsNotRunError, sqs } from '../src/index.js'

function thrownBy(make: () => unknown): unknown {
  try {
    make()
  } catch (error) {
    return error
  }
  throw new Error('expected the factory to throw')
}

describe('adapter options', () => {
  it.each([
    ['sqs()', () => sqs({ concurency: 5 } as never), 'concurency'],
    ['kinesis()', () => kinesis({ fifo: true } as never), 'fifo'],
    ['dynamodbStreams()', () => dynamodbStreams({ unmarshal: () => ({}) } as never), 'unmarshal'],
  ])('%s rejects an unknown option key with InvalidOptionError naming it', (where, make, key) => {
    const error = thrownBy(make)
    expect(isInvalidOptionError(error)).toBe(true)
    expect(error).toMatchObject({ code: 'INVALID_OPTION', where, option: key })
    expect((error as Error).message).toContain(`${where}: option '${key}'`)
  })

  it.each([
    ['kinesis()', () => kinesis({ concurrency: -1 }), 'concurrency'],
    ['dynamodbStreams()', () => dynamodbStreams({ concurrency: 0 }), 'concurrency'],
    ['dynamodbStreams()', () => dynamodbStreams({ unmarshall: 'yes' as never }), 'unmarshall'],
    ['kinesis()', () => kinesis({ throwWhenEveryRecordFails: 1 as never }), 'throwWhenEveryRecordFails'],
  ])('%s rejects a bad value of a known option', (where, make, option) => {
    expect(thrownBy(make)).toMatchObject({ code: 'INVALID_OPTION', where, option })
  })

  it('rejects options that are not an object', () => {
    expect(thrownBy(() => sqs('fast' as never))).toMatchObject({ code: 'INVALID_OPTION', option: 'options' })
  })
})

describe('RecordsNotRunError', () => {
  it('is recognised by its brand, not by instanceof', () => {
    const error = new RecordsNotRunError('sqs', 'earlier-failure', ['m2'])
    expect(isRecordsNotRunError(error)).toBe(true)
    expect(isTsumikiError(error)).toBe(true)
    // A copy of the package loaded beside this one makes another class with the same global brand.
    const lookalike = Object.assign(new Error('x'), { [Symbol.for('tsumiki.RecordsNotRunError')]: true })
    expect(isRecordsNotRunError(lookalike)).toBe(true)
    expect(isRecordsNotRunError(new Error('x'))).toBe(false)
  })
})
