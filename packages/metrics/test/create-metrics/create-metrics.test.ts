import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createMetrics } from '../../src/index.js'
import { captureEmf, dimensionsOf, type EmfCapture, valuesOf } from '../support/capture-emf.js'

/* createMetrics(): the same metrics for code outside a chain, written when it says so. */

let capture: EmfCapture
beforeEach(() => {
  capture = captureEmf()
})
afterEach(() => capture.stop())

describe('createMetrics()', () => {
  it('writes nothing until flush(), then what was added, and starts afresh but for the default dimensions', async () => {
    const metrics = createMetrics({
      namespace: 'Jobs',
      service: 'nightly',
      defaultDimensions: { environment: 'prod' },
    })
    metrics.addDimension('report', 'sales')
    metrics.addMetric('rowsExported', 'Count', 1_200)
    metrics.addMetadata('runId', 'r-1')
    await metrics.time('exportTime', async () => 'done')
    expect(capture.raw).toBe('')

    metrics.flush()
    const [first] = capture.documents
    expect(dimensionsOf(first as never)).toEqual(['service', 'environment', 'report'])
    expect(first).toMatchObject({ rowsExported: 1200, runId: 'r-1', report: 'sales' })
    expect(valuesOf(capture.documents, 'exportTime')).toHaveLength(1)

    capture.clear()
    metrics.addMetric('rowsExported', 'Count', 300)
    metrics.flush()
    const [second, ...rest] = capture.documents
    expect(rest).toEqual([])
    expect(dimensionsOf(second as never)).toEqual(['service', 'environment'])
    expect(second).not.toHaveProperty('runId')
    expect(second?.rowsExported).toBe(300)
  })

  it('writes nothing when flushed with nothing added, and a name may change kind between flushes', () => {
    const metrics = createMetrics({ namespace: 'Jobs' })
    metrics.flush()
    expect(capture.raw).toBe('')
    metrics.addMetric('region', 'Count', 1)
    metrics.flush()
    metrics.addDimension('region', 'eu')
    metrics.addMetric('calls', 'Count', 1)
    metrics.flush()
    expect(capture.documents.map((document) => document.region)).toEqual([1, 'eu'])
  })
})
