// One HTTP route that counts what it does: metrics() with the toolkit's own HTTP metrics.
import { http, lambda, reply } from '@tsumiki/core'
import { metrics } from '@tsumiki/metrics'

export const handler = lambda(http())
  .use(metrics({ namespace: 'Shop', service: 'orders', operational: ['http'] }))
  .handle(({ metrics }) => {
    metrics.addMetric('ordersPlaced', 'Count', 1)
    return reply({ status: 201, body: { ok: true } })
  })
