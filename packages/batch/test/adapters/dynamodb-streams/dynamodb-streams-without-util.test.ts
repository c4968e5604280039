import { lambda } from '@tsumiki/core'
import { expect, it, vi } from 'vitest'
import { dynamodbStreams } from '../../../src/index.js'
import { captureStderrPerTest, createContext, dynamodbEvent } from '../../support/fixtures.js'

// As if the optional peer dependency were not installed.
vi.mock('@aws-sdk/util-dynamodb', () => {
  throw new Error("Cannot find package '@aws-sdk/util-dynamodb'")
})

const stderr = captureStderrPerTest()

it('without @aws-sdk/util-dynamodb, only records that read an image fail, with a clear error', async () => {
  const handler = lambda(dynamodbStreams({ throwWhenEveryRecordFails: false })).handle((request) => {
    if (request.eventName === 'MODIFY') return request.newImage
    return request.recordId
  })
  const event = dynamodbEvent([
    { sequenceNumber: '1', eventName: 'INSERT' },
    { sequenceNumber: '2', eventName: 'MODIFY', newImage: { pk: { S: 'x' } } },
  ])
  const response = await handler(event, createContext())
  expect(response.batchItemFailures).toEqual([{ itemIdentifier: '2' }])
  expect(stderr.lines()[0]).toMatchObject({ error: { code: 'MISSING_DEPENDENCY' } })
})
