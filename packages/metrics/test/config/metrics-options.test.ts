import { http, isInvalidOptionError, lambda } from '@tsumiki/core'
import { createContext, events } from '@tsumiki/testing'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createMetrics, metrics } from '../../src/index.js'
import { captureEmf, dimensionsOf, type EmfCapture } from '../support/capture-emf.js'

/*
 * The options, checked where the handler is built, and completed from the environment: tsumiki's variables, and
 * Powertools' so a function moving over changes no configuration.
 */

let capture: EmfCapture
beforeEach(() => {
  capture = captureEmf()
})
afterEach(() => {
  capture.stop()
  vi.unstubAllEnvs()
})

function misuse(make: () => unknown): string {
  try {
    make()
  } catch (error) {
    expect(isInvalidOptionError(error)).toBe(true)
    return (error as Error).message
  }
  throw new Error('nothing was refused')
}

async function lineOf(options: Parameters<typeof metrics>[0]) {
  const handler = lambda(http())
    .use(metrics(options))
    .handle(({ metrics }) => {
      metrics.addMetric('calls', 'Count', 1)
    })
  await handler(events.http('apiGatewayV2', {}), createContext())
  const [document] = capture.documents
  capture.clear()
  return document
}

describe('the namespace and the service', () => {
  beforeEach(() => {
    for (const name of [
      'TSUMIKI_METRICS_NAMESPACE',
      'POWERTOOLS_METRICS_NAMESPACE',
      'TSUMIKI_SERVICE_NAME',
      'POWERTOOLS_SERVICE_NAME',
      'AWS_LAMBDA_FUNCTION_NAME',
      'POWERTOOLS_METRICS_FUNCTION_NAME',
    ]) {
      vi.stubEnv(name, undefined)
    }
  })

  it('come from the options first', async () => {
    vi.stubEnv('TSUMIKI_METRICS_NAMESPACE', 'FromEnv')
    vi.stubEnv('TSUMIKI_SERVICE_NAME', 'from-env')
    const document = await lineOf({ namespace: 'Shop', service: 'orders' })
    expect(document?._aws.CloudWatchMetrics[0]?.Namespace).toBe('Shop')
    expect(document?.service).toBe('orders')
  })

  it("come from tsumiki's variables, then Powertools', then the function's name for the service", async () => {
    vi.stubEnv('POWERTOOLS_METRICS_NAMESPACE', 'Powertools')
    vi.stubEnv('POWERTOOLS_SERVICE_NAME', 'pt-service')
    vi.stubEnv('AWS_LAMBDA_FUNCTION_NAME', 'orders-fn')
    let document = await lineOf({})
    expect([document?._aws.CloudWatchMetrics[0]?.Namespace, document?.service]).toEqual([
      'Powertools',
      'pt-service',
    ])

    vi.stubEnv('TSUMIKI_METRICS_NAMESPACE', 'Tsumiki')
    vi.stubEnv('TSUMIKI_SERVICE_NAME', 'ts-service')
    document = await lineOf({})
    expect([document?._aws.CloudWatchMetrics[0]?.Namespace, document?.service]).toEqual([
      'Tsumiki',
      'ts-service',
    ])

    vi.stubEnv('TSUMIKI_SERVICE_NAME', undefined)
    vi.stubEnv('POWERTOOLS_SERVICE_NAME', undefined)
    document = await lineOf({})
    expect(document?.service).toBe('orders-fn')
  })

  it('leaves the service dimension out when nothing names a service', async () => {
    const document = await lineOf({ namespace: 'Shop' })
    expect(dimensionsOf(document as never)).toEqual([])
    expect(document).not.toHaveProperty('service')
  })

  it('refuses a missing namespace, naming the variables that would give one', () => {
    expect(misuse(() => metrics())).toBe(
      "metrics(): option 'namespace' must be given, or set in TSUMIKI_METRICS_NAMESPACE or POWERTOOLS_METRICS_NAMESPACE, got undefined",
    )
  })

  it('refuses a namespace CloudWatch would refuse, given or read from a variable', () => {
    expect(misuse(() => metrics({ namespace: 'AWS/Lambda' }))).toContain(
      "option 'namespace' must be a CloudWatch namespace",
    )
    expect(misuse(() => metrics({ namespace: 'Shop😀' }))).toContain('got "Shop😀"')
    vi.stubEnv('POWERTOOLS_METRICS_NAMESPACE', 'x'.repeat(256))
    expect(misuse(() => metrics())).toContain('(read from POWERTOOLS_METRICS_NAMESPACE)')
  })

  it('refuses a service that is no dimension value', () => {
    expect(misuse(() => metrics({ namespace: 'Shop', service: '' }))).toContain(
      "option 'service' must be a dimension value",
    )
    vi.stubEnv('TSUMIKI_SERVICE_NAME', 'café')
    expect(misuse(() => metrics({ namespace: 'Shop' }))).toContain('(read from TSUMIKI_SERVICE_NAME)')
  })
})

describe('the other options', () => {
  it('refuse what they cannot use, each naming the option', () => {
    expect(misuse(() => metrics({ namespace: 'Shop', nameSpace: 'x' } as never))).toContain(
      "option 'nameSpace'",
    )
    expect(misuse(() => metrics({ namespace: 'Shop', defaultDimensions: { env: '' } }))).toContain(
      'defaultDimensions.env',
    )
    expect(misuse(() => metrics({ namespace: 'Shop', defaultDimensions: { ':env': 'prod' } }))).toContain(
      "option 'defaultDimensions.:env'",
    )
    expect(
      misuse(() =>
        metrics({ namespace: 'Shop', service: 'orders', defaultDimensions: { service: 'other' } }),
      ),
    ).toContain('`service` names it')
    const many = Object.fromEntries(Array.from({ length: 30 }, (_, index) => [`d${index}`, 'x']))
    expect(
      misuse(() => metrics({ namespace: 'Shop', service: 'orders', defaultDimensions: many })),
    ).toContain('at most 30 dimensions')
    expect(misuse(() => metrics({ namespace: 'Shop', operational: ['batches'] as never }))).toContain(
      "one of 'batch', 'idempotency', 'parameters', 'http', 'deadline'",
    )
    expect(misuse(() => metrics({ namespace: 'Shop', coldStartMetric: 'yes' as never }))).toContain(
      'true or false',
    )
  })

  it('take undefined for every option, as left out', async () => {
    const document = await lineOf({
      namespace: 'Shop',
      service: undefined,
      defaultDimensions: undefined,
      coldStartMetric: undefined,
      functionName: undefined,
      warnWhenEmpty: undefined,
      operational: undefined,
    })
    expect(document?._aws.CloudWatchMetrics[0]?.Namespace).toBe('Shop')
  })

  it('name the cold start’s function from POWERTOOLS_METRICS_FUNCTION_NAME when the code does not', async () => {
    vi.stubEnv('POWERTOOLS_METRICS_FUNCTION_NAME', 'orders-renamed')
    const handler = lambda(http())
      .use(metrics({ namespace: 'Shop', service: 'orders', coldStartMetric: true }))
      .handle(() => ({ ok: true }))
    await handler(events.http('apiGatewayV2', {}), createContext({ functionName: 'orders-api' }))
    expect(capture.documents[0]?.function_name).toBe('orders-renamed')
  })
})

describe('createMetrics()', () => {
  it('refuses what only the middleware can do', () => {
    expect(misuse(() => createMetrics({ namespace: 'Jobs', coldStartMetric: true } as never))).toContain(
      "createMetrics(): option 'coldStartMetric' must be left out: only metrics() sees invocations",
    )
    expect(misuse(() => createMetrics({ namespace: 'Jobs', operational: true } as never))).toContain(
      "'operational'",
    )
  })
})
