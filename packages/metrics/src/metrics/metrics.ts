import {
  type Invocation,
  type InvocationRequest,
  invocationOf,
  isPromiseLike,
  type Middleware,
} from '@tsumiki/core'
import type { Metrics } from '../buffer/metric-scope.js'
import { MetricsBuffer } from '../buffer/metrics-buffer.js'
import { type MetricsConfig, type MetricsOptions, resolveMetricsConfig } from '../config/metrics-options.js'
import { operationalCounters, reserveOperationalNames } from '../operational/operational-metrics.js'

/** What the middleware adds to every request. */
export interface MetricsAdded {
  readonly metrics: Metrics
}

// `currentRequest(context)?.metrics` in a wrapped legacy handler is `Metrics` (or undefined), without a cast.
declare module '@tsumiki/core' {
  interface WrappedRequestFields extends MetricsAdded {}
}

/**
 * Adds `request.metrics`: CloudWatch metrics written as Embedded Metric Format lines (one JSON line on stdout, which
 * CloudWatch turns into metrics: no API call, no latency, no IAM) when the invocation ends, on success, on error and
 * when the deadline guard cuts it. Everything is per invocation: overlapping invocations of one process (Lambda
 * Managed Instances) never share a line. On batch sources every record's metrics go into the invocation's line (a
 * record that adds dimensions of its own gets a line per distinct set), so a batch of 100 writes one line, not 100.
 */
export function metrics(options?: MetricsOptions): Middleware<InvocationRequest, MetricsAdded> {
  const config = resolveMetricsConfig('metrics()', options)
  // The key of this middleware's state in each invocation: two metrics() in one chain never share.
  const key = Symbol('metrics')
  return {
    name: 'metrics',
    handle(request, next) {
      const invocation = invocationOf(request)
      if (invocation === undefined) return alone(config, request, next)
      const buffer = invocation.local(key, () => startInvocation(config, invocation, request))
      return next({ metrics: buffer.scope() })
    },
  }
}

/** The invocation's buffer: flushed at its end, fed by the packages' signals when `operational` asks. */
function startInvocation(
  config: MetricsConfig,
  invocation: Invocation,
  request: InvocationRequest,
): MetricsBuffer {
  const buffer = new MetricsBuffer(config, request.context, request.coldStart)
  if (config.operational.size > 0) {
    reserveOperationalNames(buffer.registry, config.operational)
    const counters = operationalCounters(config.operational)
    invocation.observe(counters.observer)
    buffer.addInvocationMetrics(counters.metrics)
  }
  invocation.onEnd(() => buffer.flush())
  return buffer
}

/** A request no adapter made (a test calling the middleware by hand): its own buffer, flushed when it is done. */
function alone(
  config: MetricsConfig,
  request: InvocationRequest,
  next: (added: MetricsAdded) => unknown,
): unknown {
  const buffer = new MetricsBuffer(config, request.context, false)
  let result: unknown
  try {
    result = next({ metrics: buffer.scope() })
  } catch (error) {
    buffer.flush()
    throw error
  }
  if (!isPromiseLike(result)) {
    buffer.flush()
    return result
  }
  return Promise.resolve(result).finally(() => buffer.flush())
}
