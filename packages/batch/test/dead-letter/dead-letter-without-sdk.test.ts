import { isMissingDependencyError } from '@tsumiki/core'
import { expect, it, vi } from 'vitest'
import { sqsDeadLetter } from '../../src/index.js'

// As if the optional peer dependency were not installed.
vi.mock('@aws-sdk/client-sqs', () => {
  throw new Error("Cannot find package '@aws-sdk/client-sqs'")
})

it('without @aws-sdk/client-sqs, no record is parked, each failing with a MissingDependencyError', async () => {
  const deadLetter = sqsDeadLetter({ queueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/parked' })
  const records = ['m1', 'm2'].map((recordId) => ({
    source: 'sqs',
    recordId,
    messageId: recordId,
    body: '{}',
  }))
  const results = await deadLetter.park(records as never, undefined)
  expect(results).toHaveLength(2)
  for (const result of results) {
    expect(result.parked).toBe(false)
    const error = result.parked ? undefined : result.error
    expect(isMissingDependencyError(error)).toBe(true)
    expect(error).toMatchObject({ packageName: '@aws-sdk/client-sqs' })
  }
})
