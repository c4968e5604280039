import { registerSensitiveValue } from '@tsumiki/core'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { validEmf } from '../../../../test/support/emf-validator.js'
import { emfLines } from '../../src/emf/emf-lines.js'
import type { MetricGroup, RecordedMetric } from '../../src/emf/metric-group.js'
import { valuesOf } from '../support/capture-emf.js'

/*
 * emfLines() writes a group of metrics as EMF lines within CloudWatch's limits: 100 metrics per line and 100 values
 * per metric, every value in exactly one line, each line valid by the specification.
 */

const nowMs = Date.now()

function group(
  metrics: Readonly<Record<string, readonly number[]>>,
  dimensions: Readonly<Record<string, string>> = { service: 'orders' },
  metadata: Readonly<Record<string, unknown>> = {},
): MetricGroup {
  return {
    defaultDimensions: new Map(Object.entries(dimensions)),
    dimensions: undefined,
    metrics: new Map(
      Object.entries(metrics).map(([name, values]): [string, RecordedMetric] => [
        name,
        { unit: 'Count', highResolution: false, values: [...values] },
      ]),
    ),
    metadata: new Map(Object.entries(metadata)),
  }
}

const metricsNamed = (count: number, values: readonly number[] = [1]) =>
  Object.fromEntries(Array.from({ length: count }, (_, index) => [`m${index}`, values]))

const documentsOf = (written: { lines: string[] }) => written.lines.map((line) => validEmf(line, nowMs))

describe('emfLines()', () => {
  it('writes one metric with one value as a number, its dimensions and metadata beside it', () => {
    const [document, ...rest] = documentsOf(
      emfLines(
        'Shop',
        group({ ordersPlaced: [1] }, { service: 'orders' }, { orderId: 'o-1' }),
        nowMs,
        undefined,
      ),
    )
    expect(rest).toEqual([])
    expect(document).toEqual({
      _aws: {
        Timestamp: nowMs,
        CloudWatchMetrics: [
          {
            Namespace: 'Shop',
            Dimensions: [['service']],
            Metrics: [{ Name: 'ordersPlaced', Unit: 'Count' }],
          },
        ],
      },
      service: 'orders',
      ordersPlaced: 1,
      orderId: 'o-1',
    })
  })

  it("writes a group's own dimensions after the default ones, and a default's name with the group's value", () => {
    const own = (dimensions: Record<string, string>): MetricGroup => ({
      ...group({ calls: [1] }, { service: 'orders', environment: 'prod' }),
      dimensions: new Map(Object.entries(dimensions)),
    })
    const [added] = documentsOf(emfLines('Shop', own({ tenant: 'acme' }), nowMs, undefined))
    expect(added?._aws.CloudWatchMetrics[0]?.Dimensions).toEqual([['service', 'environment', 'tenant']])
    expect(added).toMatchObject({ service: 'orders', environment: 'prod', tenant: 'acme' })
    const [overridden] = documentsOf(
      emfLines('Shop', own({ tenant: 'acme', environment: 'test' }), nowMs, undefined),
    )
    expect(overridden?._aws.CloudWatchMetrics[0]?.Dimensions).toEqual([['service', 'environment', 'tenant']])
    expect(overridden).toMatchObject({ environment: 'test', tenant: 'acme' })
    const [plain] = documentsOf(
      emfLines('Shop', group({ calls: [1] }, { service: 'orders', environment: 'prod' }), nowMs, undefined),
    )
    expect(plain).toMatchObject({ environment: 'prod' })
  })

  it('writes nothing for a group without metrics', () => {
    expect(emfLines('Shop', group({}), nowMs, undefined)).toEqual({ lines: [], metadataLeftOut: false })
  })

  it('splits 101 metrics into a line of 100 and a line of 1', () => {
    const documents = documentsOf(emfLines('Shop', group(metricsNamed(101)), nowMs, undefined))
    expect(documents.map((document) => document._aws.CloudWatchMetrics[0]?.Metrics.length)).toEqual([100, 1])
    expect(documents[1]?.m100).toBe(1)
    expect(documents.every((document) => document.service === 'orders')).toBe(true)
  })

  it('splits 101 values of one metric into a line of 100 and a line of 1, in order', () => {
    const values = Array.from({ length: 101 }, (_, index) => index)
    const documents = documentsOf(emfLines('Shop', group({ latency: values }), nowMs, undefined))
    expect(documents.map((document) => document.latency)).toEqual([values.slice(0, 100), 100])
  })

  it('needs only as many lines as the longest metric or the metric count asks: 150 metrics, one with 250 values', () => {
    const metrics = { ...metricsNamed(149), long: Array.from({ length: 250 }, (_, index) => index) }
    const documents = documentsOf(emfLines('Shop', group(metrics), nowMs, undefined))
    expect(documents).toHaveLength(3)
    expect(valuesOf(documents, 'long')).toEqual(metrics.long)
    for (let index = 0; index < 149; index++) expect(valuesOf(documents, `m${index}`)).toEqual([1])
  })

  it('writes high resolution as StorageResolution 1, and standard as the default it is', () => {
    const high: MetricGroup = {
      ...group({}),
      metrics: new Map([
        ['p99', { unit: 'Milliseconds', highResolution: true, values: [3] }],
        ['count', { unit: 'Count', highResolution: false, values: [1] }],
      ]),
    }
    const [document] = documentsOf(emfLines('Shop', high, nowMs, undefined))
    expect(document?._aws.CloudWatchMetrics[0]?.Metrics).toEqual([
      { Name: 'p99', Unit: 'Milliseconds', StorageResolution: 1 },
      { Name: 'count', Unit: 'Count' },
    ])
  })

  it('redacts a registered sensitive value in dimensions and metadata, as every line does', () => {
    const secret = 'sk_live_abcdef123456'
    registerSensitiveValue(secret)
    const written = emfLines(
      'Shop',
      group({ calls: [1] }, { service: 'orders', caller: `key ${secret}` }, { note: `used ${secret}` }),
      nowMs,
      new RegExp(secret),
    )
    expect(written.lines.join('')).not.toContain(secret)
    expect(documentsOf(written)[0]).toMatchObject({ caller: 'key [REDACTED]', note: 'used [REDACTED]' })
  })

  it('leaves metadata out of a line it would take past 1 MB, and says so', () => {
    const written = emfLines(
      'Shop',
      group({ calls: [1] }, {}, { blob: 'x'.repeat(1_100_000) }),
      nowMs,
      undefined,
    )
    expect(written.metadataLeftOut).toBe(true)
    expect(documentsOf(written)[0]).not.toHaveProperty('blob')
    expect(valuesOf(documentsOf(written), 'calls')).toEqual([1])
  })

  it('property: every value is written exactly once, in order, over lines that are each valid EMF', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.array(fc.double({ min: -1e9, max: 1e9, noNaN: true }), { minLength: 1, maxLength: 260 }),
          {
            minLength: 1,
            maxLength: 230,
          },
        ),
        (valueLists) => {
          const metrics = Object.fromEntries(valueLists.map((values, index) => [`metric-${index}`, values]))
          const documents = documentsOf(emfLines('Shop', group(metrics), nowMs, undefined))
          // The fewest lines possible: as many as the longest metric needs, or as all the metrics' chunks of 100
          // values fill at 100 per line, whichever is more.
          const chunks = valueLists.map((values) => Math.ceil(values.length / 100))
          const fewest = Math.max(...chunks, Math.ceil(chunks.reduce((sum, count) => sum + count, 0) / 100))
          expect(documents).toHaveLength(fewest)
          valueLists.forEach((values, index) => {
            expect(valuesOf(documents, `metric-${index}`)).toEqual(
              values.map((value) => (Object.is(value, -0) ? 0 : value)),
            )
          })
        },
      ),
      { numRuns: 40 },
    )
  })
})
