import { sqs } from '@tsumiki/batch'
import { currentRequest, http, lambda, raw, wrap } from '@tsumiki/core'
import { logger } from '@tsumiki/logger'
import { createContext, events } from '@tsumiki/testing'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { isInvalidMetricError, metrics } from '../../src/index.js'
import { captureEmf, dimensionsOf, type EmfCapture, metricNamesOf, valuesOf } from '../support/capture-emf.js'

/*
 * metrics() end to end: what each invocation writes, through core's one writer, whatever way it ends. Every EMF line
 * read here goes through the validator written from the specification (captureEmf).
 */

let capture: EmfCapture
beforeEach(() => {
  capture = captureEmf()
})
afterEach(() => {
  capture.stop()
  vi.useRealTimers()
  vi.unstubAllEnvs()
})

const order = () =>
  events.http('apiGatewayV2', { method: 'POST', path: '/orders', body: { sku: 'tea', qty: 2 } })

describe('metrics() on HTTP', () => {
  it('writes one line when the invocation ends: the metrics, the dimensions and the metadata', async () => {
    const handler = lambda(http())
      .use(metrics({ namespace: 'Shop', service: 'orders', defaultDimensions: { environment: 'prod' } }))
      .handle(({ metrics }) => {
        metrics.addDimension('channel', 'web')
        metrics.addMetric('ordersPlaced', 'Count', 1)
        metrics.addMetric('orderValue', 'None', 42.5)
        metrics.addMetric('orderValue', 'None', 7)
        metrics.addMetadata('orderId', 'o-1')
        return { placed: true }
      })
    const response = await handler(order(), createContext())
    expect(response.statusCode).toBe(200)
    const [document, ...rest] = capture.documents
    expect(rest).toEqual([])
    expect(document).toEqual({
      _aws: {
        Timestamp: expect.any(Number),
        CloudWatchMetrics: [
          {
            Namespace: 'Shop',
            Dimensions: [['service', 'environment', 'channel']],
            Metrics: [
              { Name: 'ordersPlaced', Unit: 'Count' },
              { Name: 'orderValue', Unit: 'None' },
            ],
          },
        ],
      },
      service: 'orders',
      environment: 'prod',
      channel: 'web',
      ordersPlaced: 1,
      orderValue: [42.5, 7],
      orderId: 'o-1',
    })
  })

  it('writes the line through the same writer as the logs, after the request’s log lines', async () => {
    const handler = lambda(http())
      .use(logger({ service: 'orders' }))
      .use(metrics({ namespace: 'Shop', service: 'orders' }))
      .handle(({ log, metrics }) => {
        log.info('order placed')
        metrics.addMetric('ordersPlaced', 'Count', 1)
        return { placed: true }
      })
    await handler(order(), createContext())
    const lines = capture.raw
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>)
    expect(lines.map((line) => line.message ?? Object.keys(line)[0])).toEqual(['order placed', '_aws'])
  })

  it('writes what was measured before a failure, and the answer is still the 500', async () => {
    const handler = lambda(http())
      .use(metrics({ namespace: 'Shop', service: 'orders' }))
      .handle(({ metrics }) => {
        metrics.addMetric('paymentAttempts', 'Count', 1)
        throw new Error('card processor down')
      })
    const response = await handler(order(), createContext())
    expect(response.statusCode).toBe(500)
    expect(valuesOf(capture.documents, 'paymentAttempts')).toEqual([1])
  })

  it('writes what was measured when the handler throws to the runtime', async () => {
    const failure = new Error('export failed')
    const handler = lambda(raw())
      .use(metrics({ namespace: 'Reports', service: 'nightly' }))
      .handle(({ metrics }) => {
        metrics.addMetric('rowsExported', 'Count', 1200)
        throw failure
      })
    await expect(handler({}, createContext())).rejects.toBe(failure)
    expect(valuesOf(capture.documents, 'rowsExported')).toEqual([1200])
  })

  it('writes what was measured when the deadline guard cuts the invocation, and later adds at once', async () => {
    vi.useFakeTimers()
    let finishLate: (() => void) | undefined
    const handler = lambda(http(), { deadlineMarginMs: 200 })
      .use(metrics({ namespace: 'Shop', service: 'orders' }))
      .handle(async ({ metrics }) => {
        metrics.addMetric('carrierCalls', 'Count', 1)
        await new Promise<void>((resolve) => {
          finishLate = resolve
        })
        metrics.addMetric('carrierCalls', 'Count', 1)
        metrics.addMetric('lateReplies', 'Count', 1)
      })
    const running = handler(order(), createContext({ remainingMs: 1_000 }))
    await vi.advanceTimersByTimeAsync(1_000)
    expect((await running).statusCode).toBe(504)
    expect(capture.documents).toHaveLength(1)
    expect(valuesOf(capture.documents, 'carrierCalls')).toEqual([1])

    // The cut handler goes on in the background: what it measures is written as it comes, not lost.
    finishLate?.()
    await vi.advanceTimersByTimeAsync(0)
    expect(valuesOf(capture.documents, 'carrierCalls')).toEqual([1, 1])
    expect(valuesOf(capture.documents, 'lateReplies')).toEqual([1])
  })

  it('refuses a metric CloudWatch would drop where it is added, and keeps what was added before', async () => {
    let refusal: unknown
    const handler = lambda(http())
      .use(metrics({ namespace: 'Shop', service: 'orders' }))
      .handle(({ metrics }) => {
        metrics.addMetric('ordersPlaced', 'Count', 1)
        try {
          metrics.addMetric('orderValue', 'Euros' as never, 10)
        } catch (error) {
          refusal = error
        }
        return { placed: true }
      })
    await handler(order(), createContext())
    expect(isInvalidMetricError(refusal)).toBe(true)
    expect((refusal as Error).message).toContain('"Euros" is not a CloudWatch unit')
    expect(valuesOf(capture.documents, 'ordersPlaced')).toEqual([1])
    expect(metricNamesOf(capture.documents[0] as never)).toEqual(['ordersPlaced'])
  })

  it('writes nothing for an invocation without metrics, or a warning when asked', async () => {
    const quiet = lambda(http())
      .use(metrics({ namespace: 'Shop', service: 'orders' }))
      .handle(() => ({ ok: true }))
    await quiet(order(), createContext())
    expect(capture.raw).toBe('')

    const warning = lambda(http())
      .use(metrics({ namespace: 'Shop', service: 'orders', warnWhenEmpty: true }))
      .handle(() => ({ ok: true }))
    await warning(order(), createContext({ awsRequestId: 'req-empty' }))
    expect(capture.documents).toEqual([])
    expect(capture.logLines).toEqual([
      expect.objectContaining({
        level: 'WARN',
        message: 'No metrics were added in this invocation',
        namespace: 'Shop',
        function_request_id: 'req-empty',
      }),
    ])
  })

  it('writes nothing at all when TSUMIKI_METRICS_DISABLED or POWERTOOLS_METRICS_DISABLED is true', async () => {
    for (const variable of ['TSUMIKI_METRICS_DISABLED', 'POWERTOOLS_METRICS_DISABLED']) {
      vi.stubEnv(variable, 'true')
      const handler = lambda(http())
        .use(metrics({ namespace: 'Shop', service: 'orders', coldStartMetric: true }))
        .handle(({ metrics }) => {
          metrics.addMetric('ordersPlaced', 'Count', 1)
          return { placed: true }
        })
      await handler(order(), createContext())
      vi.unstubAllEnvs()
    }
    expect(capture.raw).toBe('')
  })

  it('keeps two metrics() of one chain apart: each writes its own namespace', async () => {
    const handler = lambda(http())
      .use(metrics({ namespace: 'Platform', service: 'edge' }))
      .use({
        name: 'counts requests',
        handle(request, next) {
          request.metrics.addMetric('requests', 'Count', 1)
          return next()
        },
      })
      .use(metrics({ namespace: 'Shop', service: 'orders' }))
      .handle(({ metrics }) => {
        metrics.addMetric('ordersPlaced', 'Count', 1)
        return { placed: true }
      })
    await handler(order(), createContext())
    expect(
      capture.documents.map((document) => [
        document._aws.CloudWatchMetrics[0]?.Namespace,
        metricNamesOf(document),
      ]),
    ).toEqual([
      ['Shop', ['ordersPlaced']],
      ['Platform', ['requests']],
    ])
  })

  it('reaches a wrapped legacy handler through currentRequest(context)', async () => {
    const handler = wrap(async (_event: unknown, context) => {
      currentRequest(context)?.metrics?.addMetric('legacyCalls', 'Count', 1)
      return 'done'
    }).use(metrics({ namespace: 'Legacy', service: 'billing' }))
    await expect(handler({}, createContext())).resolves.toBe('done')
    expect(valuesOf(capture.documents, 'legacyCalls')).toEqual([1])
  })
})

describe('metrics() on batch sources', () => {
  it('writes one line for the whole batch, every record’s values in it', async () => {
    const handler = lambda(sqs())
      .use(metrics({ namespace: 'Shipping', service: 'shipments' }))
      .handle(({ body, metrics }) => {
        metrics.addMetric('shipmentsBooked', 'Count', 1)
        metrics.addMetric('parcelWeight', 'Kilobytes', Number(body))
      })
    const records = Array.from({ length: 10 }, (_, index) => ({ body: String(index + 1) }))
    await handler(events.sqs(records), createContext())
    expect(capture.documents).toHaveLength(1)
    expect(valuesOf(capture.documents, 'shipmentsBooked')).toEqual(Array.from({ length: 10 }, () => 1))
    expect(valuesOf(capture.documents, 'parcelWeight')).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
  })

  it('gives a record’s own dimensions a line per distinct set, only when a record adds them', async () => {
    const handler = lambda(sqs())
      .use(metrics({ namespace: 'Shipping', service: 'shipments' }))
      .handle(({ body, metrics }) => {
        const { tenant } = JSON.parse(body) as { tenant?: string }
        if (tenant !== undefined) metrics.addDimension('tenant', tenant)
        metrics.addMetric('shipmentsBooked', 'Count', 1)
        metrics.addMetadata('tenantSeen', tenant ?? 'none')
      })
    const bodies = [{ tenant: 'acme' }, {}, { tenant: 'globex' }, { tenant: 'acme' }, {}]
    await handler(events.sqs(bodies.map((body) => ({ body: JSON.stringify(body) }))), createContext())
    const lines = capture.documents.map((document) => ({
      dimensions: dimensionsOf(document),
      tenant: document.tenant,
      booked: document.shipmentsBooked,
      tenantSeen: document.tenantSeen,
    }))
    expect(lines).toEqual([
      { dimensions: ['service', 'tenant'], tenant: 'acme', booked: [1, 1], tenantSeen: 'acme' },
      { dimensions: ['service'], tenant: undefined, booked: [1, 1], tenantSeen: 'none' },
      { dimensions: ['service', 'tenant'], tenant: 'globex', booked: 1, tenantSeen: 'globex' },
    ])
  })

  it('splits a batch whose metric has over 100 values, every value kept', async () => {
    const handler = lambda(sqs({ concurrency: 50 }))
      .use(metrics({ namespace: 'Shipping', service: 'shipments' }))
      .handle(({ body, metrics }) => {
        metrics.addMetric('parcelWeight', 'Kilobytes', Number(body))
      })
    const records = Array.from({ length: 250 }, (_, index) => ({ body: String(index) }))
    await handler(events.sqs(records), createContext())
    expect(capture.documents.map((document) => (document.parcelWeight as number[]).length)).toEqual([
      100, 100, 50,
    ])
    expect(valuesOf(capture.documents, 'parcelWeight').sort((a, b) => a - b)).toEqual(
      Array.from({ length: 250 }, (_, index) => index),
    )
  })

  it('keeps a metadata key set differently by records of one line as all its values', async () => {
    const handler = lambda(sqs())
      .use(metrics({ namespace: 'Shipping', service: 'shipments' }))
      .handle(({ messageId, metrics }) => {
        metrics.addMetric('shipmentsBooked', 'Count', 1)
        metrics.addMetadata('messageId', messageId)
      })
    const event = events.sqs([{ body: 'a' }, { body: 'b' }])
    await handler(event, createContext())
    expect(capture.documents[0]?.messageId).toEqual(event.Records.map((record) => record.messageId))
  })
})

describe('the cold start metric', () => {
  it('is written once per execution environment, in the first invocation, with function_name', async () => {
    const handler = lambda(http())
      .use(metrics({ namespace: 'Shop', service: 'orders', coldStartMetric: true }))
      .handle(({ metrics }) => {
        metrics.addMetric('ordersPlaced', 'Count', 1)
        return { placed: true }
      })
    await handler(order(), createContext({ functionName: 'orders-api' }))
    await handler(order(), createContext({ functionName: 'orders-api' }))
    const coldStarts = capture.documents.filter((document) => Object.hasOwn(document, 'ColdStart'))
    expect(coldStarts).toEqual([
      {
        _aws: {
          Timestamp: expect.any(Number),
          CloudWatchMetrics: [
            {
              Namespace: 'Shop',
              Dimensions: [['service', 'function_name']],
              Metrics: [{ Name: 'ColdStart', Unit: 'Count' }],
            },
          ],
        },
        service: 'orders',
        function_name: 'orders-api',
        ColdStart: 1,
      },
    ])
    expect(valuesOf(capture.documents, 'ordersPlaced')).toEqual([1, 1])
  })

  it('is written once when the first invocations overlap (Lambda Managed Instances)', async () => {
    vi.useFakeTimers()
    const handler = lambda(http())
      .use(metrics({ namespace: 'Shop', service: 'orders', coldStartMetric: true, functionName: 'orders' }))
      .handle(async () => {
        await new Promise((resolve) => setTimeout(resolve, 10))
        return { ok: true }
      })
    const running = Array.from({ length: 50 }, () => handler(order(), createContext()))
    await vi.runAllTimersAsync()
    await Promise.all(running)
    expect(valuesOf(capture.documents, 'ColdStart')).toEqual([1])
    expect(capture.documents).toHaveLength(1)
  })

  it('is written even by an invocation that measured nothing else', async () => {
    const handler = lambda(http())
      .use(metrics({ namespace: 'Shop', service: 'orders', coldStartMetric: true }))
      .handle(() => ({ ok: true }))
    await handler(order(), createContext())
    expect(capture.documents.map(metricNamesOf)).toEqual([['ColdStart']])
  })
})

describe('metrics() called without an adapter', () => {
  it('writes when the request it was handed is done', async () => {
    const middleware = metrics({ namespace: 'Shop', service: 'orders' })
    const result = await middleware.handle(
      { context: createContext() } as never,
      (async ({
        metrics: added,
      }: {
        metrics: { addMetric: (name: string, unit: 'Count', value: number) => void }
      }) => {
        added.addMetric('handMade', 'Count', 1)
        return 'ok'
      }) as never,
      undefined as never,
    )
    expect(result).toBe('ok')
    expect(valuesOf(capture.documents, 'handMade')).toEqual([1])
  })
})
