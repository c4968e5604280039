import { readFileSync } from 'node:fs'
import { sqs } from '@tsumiki/batch'
import { http, lambda, reply } from '@tsumiki/core'
import { captureLogs, createContext, events } from '@tsumiki/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { itRunsEveryBlock } from '../../../test/support/markdown-blocks.js'
import { createMetrics, metrics } from '../src/index.js'
import { captureEmf, dimensionsOf, type EmfCapture, valuesOf } from './support/capture-emf.js'

// Every ```ts block of README.md is here, line for line (the test at the end checks that), and runs; what a block
// imports from the reader's own modules (placeOrder, bookShipment) is a stand-in function defined here, and the
// README's test imports its handler block. Each EMF line goes through the validator written from the specification.

async function placeOrder(body: string | undefined) {
  return { id: 'o-1', totalCents: 4200, body }
}

const booked: string[] = []
async function bookShipment(body: string) {
  booked.push(body)
}

let capture: EmfCapture
beforeEach(() => {
  capture = captureEmf()
})
afterEach(() => capture.stop())

// README: Use it (src/handler.ts), at module level: the README's test imports it.
const handler = lambda(http())
  .use(metrics({ namespace: 'Shop', service: 'orders' }))
  .handle(async ({ body, metrics }) => {
    const order = await metrics.time('placeOrderTime', () => placeOrder(body))
    metrics.addMetric('ordersPlaced', 'Count', 1)
    metrics.addMetric('orderValue', 'None', order.totalCents / 100)
    metrics.addMetadata('orderId', order.id)
    return reply({ status: 201, body: order })
  })

describe('README: Use it', () => {
  it('writes the line the README shows', async () => {
    const response = await handler(
      events.http('apiGatewayV2', { method: 'POST', path: '/orders', body: { sku: 'tea' } }),
      createContext(),
    )
    expect(response.statusCode).toBe(201)
    const [line, ...rest] = capture.documents
    expect(rest).toEqual([])
    expect(line).toMatchObject({ service: 'orders', ordersPlaced: 1, orderValue: 42, orderId: 'o-1' })
    expect(line?._aws.CloudWatchMetrics[0]?.Metrics.map((metric) => metric.Name)).toEqual([
      'placeOrderTime',
      'ordersPlaced',
      'orderValue',
    ])
  })
})

describe('README: Per invocation, and on batch sources', () => {
  const worker = lambda(sqs())
    .use(metrics({ namespace: 'Shop', service: 'shipments', operational: ['batch'] }))
    .handle(async ({ body, metrics }) => {
      const { carrier } = JSON.parse(body) as { carrier: string }
      metrics.addDimension('carrier', carrier) // this record's metrics: one line per carrier in the batch
      metrics.addMetric('shipmentsBooked', 'Count', 1)
      await bookShipment(body)
    })

  it('writes a line per carrier and the batch counts under service alone', async () => {
    const carriers = ['ups', 'dhl', 'ups', 'ups', 'dhl', 'ups', 'dhl', 'ups', 'dhl', 'ups']
    await worker(
      events.sqs(carriers.map((carrier) => ({ body: JSON.stringify({ carrier }) }))),
      createContext(),
    )
    const lines = capture.documents.map((document) => ({
      dimensions: dimensionsOf(document),
      carrier: document.carrier,
      booked: valuesOf([document], 'shipmentsBooked').length,
      succeeded: document.RecordsSucceeded,
    }))
    expect(lines).toEqual([
      { dimensions: ['service', 'carrier'], carrier: 'ups', booked: 6, succeeded: undefined },
      { dimensions: ['service', 'carrier'], carrier: 'dhl', booked: 4, succeeded: undefined },
      { dimensions: ['service'], carrier: undefined, booked: 0, succeeded: 10 },
    ])
    expect(booked).toHaveLength(10)
  })
})

describe('README: Outside the chain', () => {
  const metrics = createMetrics({ namespace: 'Shop', service: 'nightly-report' })

  async function exportSales(rows: readonly unknown[]) {
    metrics.addMetric('rowsExported', 'Count', rows.length)
    metrics.flush() // the EMF line now; then metrics, dimensions and metadata start afresh
  }

  it('writes when flushed', async () => {
    await exportSales([1, 2, 3])
    expect(valuesOf(capture.documents, 'rowsExported')).toEqual([3])
  })
})

describe('README: Testing what a handler measures', () => {
  it('finds the EMF line among the captured lines', async () => {
    capture.stop()
    const logs = captureLogs()
    await handler(
      events.http('apiGatewayV2', { method: 'POST', path: '/orders', body: { sku: 'tea' } }),
      createContext(),
    )
    const [line] = logs.lines.filter((logged) => '_aws' in logged)
    expect(line?.ordersPlaced).toBe(1)
    logs.stop()
  })
})

describe('README.md', () => {
  itRunsEveryBlock(
    readFileSync(new URL('../README.md', import.meta.url), 'utf8'),
    readFileSync(new URL(import.meta.url), 'utf8'),
    { blocks: 4, sourceEntries: { '@tsumiki/metrics': '../src/index.js' } },
  )
})
