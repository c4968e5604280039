import { sqs } from '@tsumiki/batch'
import { currentRequest, http, lambda } from '@tsumiki/core'
import type { Context } from 'aws-lambda'
import { describe, expectTypeOf, it } from 'vitest'
import { createMetrics, type MetricResolution, type Metrics, type MetricUnit, metrics } from '../src/index.js'

describe('metrics() types', () => {
  it('adds a typed request.metrics on any adapter', () => {
    lambda(http())
      .use(metrics({ namespace: 'Shop' }))
      .handle((request) => {
        expectTypeOf(request.metrics).toEqualTypeOf<Metrics>()
        request.metrics.addMetric('ordersPlaced', 'Count', 1)
        request.metrics.addMetric('latency', 'Milliseconds', 12, 'high')
        expectTypeOf(request.metrics.time('pricing', () => 42)).toEqualTypeOf<number>()
        expectTypeOf(request.metrics.time('lookup', async () => 'found')).toEqualTypeOf<Promise<string>>()
      })
    lambda(sqs())
      .use(metrics({ namespace: 'Shipping' }))
      .handle(({ metrics, messageId }) => {
        metrics.addDimension('queue', 'shipments')
        metrics.addMetadata('messageId', messageId)
      })
  })

  it('refuses a unit CloudWatch does not know, and a resolution that is not one, at compile time', () => {
    lambda(http())
      .use(metrics({ namespace: 'Shop' }))
      .handle(({ metrics }) => {
        // @ts-expect-error: not a CloudWatch unit
        metrics.addMetric('latency', 'ms', 12)
        // @ts-expect-error: resolutions are 'standard' and 'high'
        metrics.addMetric('latency', 'Milliseconds', 12, 60)
        // @ts-expect-error: a value is a number
        metrics.addMetric('latency', 'Milliseconds', '12')
        // @ts-expect-error: dimension values are strings
        metrics.addDimension('tenant', 7)
      })
    expectTypeOf<MetricUnit>().toExtend<string>()
    expectTypeOf<'Count/Second'>().toExtend<MetricUnit>()
    expectTypeOf<MetricResolution>().toEqualTypeOf<'standard' | 'high'>()
  })

  it('is not there without the middleware', () => {
    lambda(http()).handle((request) => {
      // @ts-expect-error: no metrics() in the chain
      request.metrics.addMetric('x', 'Count', 1)
    })
  })

  it('refuses an option that is not one, and an operational group that is not one', () => {
    // @ts-expect-error: nameSpace is not an option
    metrics({ nameSpace: 'Shop' })
    // @ts-expect-error: not a group
    metrics({ namespace: 'Shop', operational: ['batches'] })
    // @ts-expect-error: the cold start belongs to the middleware
    createMetrics({ namespace: 'Jobs', coldStartMetric: true })
  })

  it('types currentRequest(context)?.metrics in a wrapped legacy handler', () => {
    const context = {} as Context
    expectTypeOf(currentRequest(context)?.metrics).toEqualTypeOf<Metrics | undefined>()
  })

  it('gives createMetrics() the same methods and a flush()', () => {
    const standalone = createMetrics({ namespace: 'Jobs' })
    expectTypeOf(standalone).toExtend<Metrics>()
    expectTypeOf(standalone.flush).toEqualTypeOf<() => void>()
  })
})
