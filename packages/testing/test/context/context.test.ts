import { InvalidOptionError } from '@tsumiki/core'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createContext } from '../../src/index.js'

describe('createContext', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2025-03-04T05:06:07.000Z') })
  })

  afterEach(() => {
    vi.useRealTimers()
  })

  it('starts with 30 seconds remaining by default', () => {
    expect(createContext().getRemainingTimeInMillis()).toBe(30_000)
  })

  it('counts the remaining time down from its creation', () => {
    const context = createContext({ remainingMs: 1_000 })
    vi.advanceTimersByTime(250)
    expect(context.getRemainingTimeInMillis()).toBe(750)
    vi.advanceTimersByTime(700)
    expect(context.getRemainingTimeInMillis()).toBe(50)
  })

  it('never reports negative remaining time once the deadline has passed', () => {
    const context = createContext({ remainingMs: 100 })
    vi.advanceTimersByTime(5_000)
    expect(context.getRemainingTimeInMillis()).toBe(0)
  })

  it('refuses a negative or non-finite remaining time', () => {
    expect(() => createContext({ remainingMs: -1 })).toThrow(InvalidOptionError)
    expect(() => createContext({ remainingMs: Number.POSITIVE_INFINITY })).toThrow(InvalidOptionError)
  })

  it('gives every context a fresh request id', () => {
    const first = createContext()
    const second = createContext()
    expect(first.awsRequestId).toMatch(/^[0-9a-f-]{36}$/)
    expect(first.awsRequestId).not.toBe(second.awsRequestId)
  })

  it('derives the function ARN and log names from the function name', () => {
    const context = createContext({ functionName: 'orders-api', functionVersion: '7' })
    expect(context).toMatchObject({
      functionName: 'orders-api',
      functionVersion: '7',
      invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:orders-api',
      logGroupName: '/aws/lambda/orders-api',
      memoryLimitInMB: '128',
    })
    expect(context.logStreamName).toMatch(/^2025\/03\/04\/\[7\][0-9a-f]{32}$/)
  })

  it('uses the options it is given as they are', () => {
    const context = createContext({
      awsRequestId: 'req-1',
      memoryLimitInMB: 1024,
      invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:my-function:live',
      tenantId: 'tenant-a',
    })
    expect(context).toMatchObject({
      awsRequestId: 'req-1',
      memoryLimitInMB: '1024',
      invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:my-function:live',
      tenantId: 'tenant-a',
    })
  })

  it('refuses callback-style completion through done, fail and succeed', () => {
    const context = createContext()
    expect(() => context.done()).toThrow(/callback-style completion is not supported/)
    expect(() => context.fail(new Error('x'))).toThrow(/callback-style completion is not supported/)
    expect(() => context.succeed('ok')).toThrow(/callback-style completion is not supported/)
  })
})
