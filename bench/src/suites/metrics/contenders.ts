import './environment.js'
import { Metrics as PowertoolsMetrics } from '@aws-lambda-powertools/metrics'
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware'
import cloudwatchMetrics from '@middy/cloudwatch-metrics'
import middy from '@middy/core'
import { lambda, raw } from '@tsumiki/core'
import { metrics } from '@tsumiki/metrics'
import { createContext } from '@tsumiki/testing'
import type { MetricsLogger } from 'aws-embedded-metrics'
import { Unit } from 'aws-embedded-metrics'
import type { Context } from 'aws-lambda'
import { namespace, service } from './environment.js'

/*
 * The same work for every contender, one whole invocation per call: a namespace, a `service` dimension set once and
 * a `channel` dimension added per invocation (2 dimensions), 5 metrics (a count, a value, three timings), and one
 * EMF line written per invocation to stdout.
 */

export type Handler = (event: unknown, context: Context) => Promise<unknown>

export const event = { orderId: 'o-1', total: 42 }
export const context = createContext({ functionName: 'orders-api', remainingMs: 15 * 60_000 })

/** tsumiki: the middleware, per-invocation buffer, flushed at the end of the invocation. */
export function tsumiki(): Handler {
  return lambda(raw<typeof event>())
    .use(metrics({ namespace, service }))
    .handle(({ event: order, metrics: measured }) => {
      measured.addDimension('channel', 'web')
      measured.addMetric('ordersPlaced', 'Count', 1)
      measured.addMetric('orderValue', 'None', order.total)
      measured.addMetric('pricingTime', 'Milliseconds', 3.2)
      measured.addMetric('stockTime', 'Milliseconds', 7.9)
      measured.addMetric('paymentTime', 'Milliseconds', 41.5)
      return order.orderId
    }) as Handler
}

/** Powertools Metrics on Middy, as its docs show it: `logMetrics(metrics)` publishes after the handler. */
export function powertoolsMiddy(): Handler {
  const measured = new PowertoolsMetrics({ namespace, serviceName: service })
  return middy(async (order: typeof event) => {
    measured.addDimension('channel', 'web')
    measured.addMetric('ordersPlaced', 'Count', 1)
    measured.addMetric('orderValue', 'None', order.total)
    measured.addMetric('pricingTime', 'Milliseconds', 3.2)
    measured.addMetric('stockTime', 'Milliseconds', 7.9)
    measured.addMetric('paymentTime', 'Milliseconds', 41.5)
    return order.orderId
  }).use(logMetrics(measured)) as unknown as Handler
}

/** Powertools Metrics without a middleware: the handler publishes itself, its cheapest use. */
export function powertoolsManual(): Handler {
  const measured = new PowertoolsMetrics({ namespace, serviceName: service })
  return async (input) => {
    const order = input as typeof event
    try {
      measured.addDimension('channel', 'web')
      measured.addMetric('ordersPlaced', 'Count', 1)
      measured.addMetric('orderValue', 'None', order.total)
      measured.addMetric('pricingTime', 'Milliseconds', 3.2)
      measured.addMetric('stockTime', 'Milliseconds', 7.9)
      measured.addMetric('paymentTime', 'Milliseconds', 41.5)
      return order.orderId
    } finally {
      measured.publishStoredMetrics()
    }
  }
}

/** Middy's `@middy/cloudwatch-metrics` (aws-embedded-metrics): a metrics logger per invocation, flushed after. */
export function middyCloudwatch(): Handler {
  return middy(async (order: typeof event, handlerContext: Context & { metrics: MetricsLogger }) => {
    const measured = handlerContext.metrics
    measured.setDimensions({ service, channel: 'web' })
    measured.putMetric('ordersPlaced', 1, Unit.Count)
    measured.putMetric('orderValue', order.total, Unit.None)
    measured.putMetric('pricingTime', 3.2, Unit.Milliseconds)
    measured.putMetric('stockTime', 7.9, Unit.Milliseconds)
    measured.putMetric('paymentTime', 41.5, Unit.Milliseconds)
    return order.orderId
  }).use(cloudwatchMetrics({ namespace })) as unknown as Handler
}

/** The baseline: the handler body without metrics. */
export function bare(): Handler {
  return async (input) => (input as typeof event).orderId
}

export const contenders = {
  tsumiki: { label: '@tsumiki/metrics', make: tsumiki },
  powertoolsMiddy: { label: 'Powertools Metrics (Middy logMetrics)', make: powertoolsMiddy },
  powertoolsManual: {
    label: 'Powertools Metrics (publishStoredMetrics, no middleware)',
    make: powertoolsManual,
  },
  middyCloudwatch: { label: '@middy/cloudwatch-metrics', make: middyCloudwatch },
} as const

export type ContenderName = keyof typeof contenders
