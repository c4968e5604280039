import { sqs } from '@tsumiki/batch'
import { http, lambda } from '@tsumiki/core'
import { createContext, events } from '@tsumiki/testing'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { seededRandom } from '../../../../test/support/seeded-random.js'
import { metrics } from '../../src/index.js'
import { captureEmf, type EmfCapture } from '../support/capture-emf.js'

/*
 * Many invocations at once in one process (Lambda Managed Instances): every line carries its own invocation's
 * metrics and nothing of another's. The clock is fake, so the interleaving is the same on every run.
 */

let capture: EmfCapture
beforeEach(() => {
  vi.useFakeTimers()
  capture = captureEmf()
})
afterEach(() => {
  capture.stop()
  vi.useRealTimers()
})

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('overlapping invocations', () => {
  it('of an HTTP function: each line holds only its own invocation’s metrics, dimensions and metadata', async () => {
    const next = seededRandom(2026)
    const handler = lambda(http())
      .use(metrics({ namespace: 'Shop', service: 'orders' }))
      .handle(async ({ headers, metrics }) => {
        const index = Number(headers['x-index'])
        await sleep(Math.floor(next() * 20))
        metrics.addDimension('tenant', `tenant-${index % 7}`)
        metrics.addMetric('ordersPlaced', 'Count', index)
        await sleep(Math.floor(next() * 20))
        metrics.addMetric('ordersPlaced', 'Count', index)
        metrics.addMetadata('invocation', index)
        return { index }
      })
    const count = 400
    const running = Array.from({ length: count }, (_, index) =>
      sleep(Math.floor(next() * 10)).then(() =>
        handler(events.http('apiGatewayV2', { headers: { 'x-index': String(index) } }), createContext()),
      ),
    )
    await vi.runAllTimersAsync()
    await Promise.all(running)
    const documents = capture.documents
    expect(documents).toHaveLength(count)
    for (const document of documents) {
      const index = document.invocation as number
      expect(document.ordersPlaced).toEqual([index, index])
      expect(document.tenant).toBe(`tenant-${index % 7}`)
    }
    expect(new Set(documents.map((document) => document.invocation)).size).toBe(count)
  })

  it('of a batch function: each invocation’s records go into its own line, however the records interleave', async () => {
    const next = seededRandom(7)
    const handler = lambda(sqs())
      .use(metrics({ namespace: 'Shipping', service: 'shipments' }))
      .handle(async ({ body, metrics }) => {
        const { invocation, record } = JSON.parse(body) as { invocation: number; record: number }
        await sleep(Math.floor(next() * 15))
        metrics.addMetric('booked', 'Count', invocation * 10 + record)
        metrics.addMetadata('invocation', invocation)
      })
    const count = 200
    const running = Array.from({ length: count }, (_, invocation) =>
      handler(
        events.sqs(
          Array.from({ length: 4 }, (_, record) => ({ body: JSON.stringify({ invocation, record }) })),
        ),
        createContext(),
      ),
    )
    await vi.runAllTimersAsync()
    await Promise.all(running)
    const documents = capture.documents
    expect(documents).toHaveLength(count)
    for (const document of documents) {
      const invocation = document.invocation as number
      expect([...(document.booked as number[])].sort((a, b) => a - b)).toEqual(
        [0, 1, 2, 3].map((record) => invocation * 10 + record),
      )
    }
  })
})
