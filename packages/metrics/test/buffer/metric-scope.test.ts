import { describe, expect, it, vi } from 'vitest'
import { MetricScope, type ScopeOwner } from '../../src/buffer/metric-scope.js'
import { NameRegistry } from '../../src/buffer/name-registry.js'
import { type InvalidMetricError, isInvalidMetricError } from '../../src/index.js'

/*
 * What `request.metrics` refuses, where it is added, with an InvalidMetricError that says why: everything CloudWatch
 * would otherwise drop from the line without a word.
 */

function scope(defaultDimensions: Readonly<Record<string, string>> = { service: 'orders' }): MetricScope {
  const owner: ScopeOwner = {
    registry: new NameRegistry(),
    defaultDimensions: new Map(Object.entries(defaultDimensions)),
    ended: false,
    late: () => {},
  }
  for (const name of owner.defaultDimensions.keys()) owner.registry.claim(name, 'dimension')
  return new MetricScope(owner)
}

function refusal(add: () => unknown): InvalidMetricError {
  try {
    add()
  } catch (error) {
    if (isInvalidMetricError(error)) return error
    throw error
  }
  throw new Error('nothing was refused')
}

describe('request.metrics refuses, where it is added', () => {
  it.each([
    ['an empty metric name', () => scope().addMetric('', 'Count', 1), 'A metric name must be'],
    ['a metric name of spaces', () => scope().addMetric('   ', 'Count', 1), 'not only spaces'],
    ['a metric name over 255 characters', () => scope().addMetric('m'.repeat(256), 'Count', 1), '1 to 255'],
    ['the name _aws', () => scope().addMetric('_aws', 'Count', 1), '"_aws"'],
    [
      'a unit CloudWatch does not know',
      () => scope().addMetric('latency', 'ms' as never, 1),
      'not a CloudWatch unit',
    ],
    ['NaN', () => scope().addMetric('latency', 'Milliseconds', Number.NaN), 'finite number'],
    [
      'Infinity',
      () => scope().addMetric('latency', 'Milliseconds', Number.POSITIVE_INFINITY),
      'finite number',
    ],
    ['a string value', () => scope().addMetric('latency', 'Milliseconds', '5' as never), 'finite number'],
    ['2^361', () => scope().addMetric('big', 'Count', 2 ** 361), 'outside what CloudWatch stores'],
    ['2^-361', () => scope().addMetric('tiny', 'Count', 2 ** -361), 'outside what CloudWatch stores'],
    [
      'a resolution other than standard or high',
      () => scope().addMetric('x', 'Count', 1, 60 as never),
      "'standard' or 'high'",
    ],
    ['an empty dimension value', () => scope().addDimension('tenant', ''), 'its value must be'],
    [
      'a dimension value over 1024 characters',
      () => scope().addDimension('tenant', 'x'.repeat(1025)),
      '1 to 1024',
    ],
    ['a dimension value past ASCII', () => scope().addDimension('tenant', 'café'), 'printable ASCII'],
    [
      'a dimension value with a control character',
      () => scope().addDimension('tenant', 'a\nb'),
      'printable ASCII',
    ],
    [
      'a dimension name starting with ":"',
      () => scope().addDimension(':tenant', 'acme'),
      'not starting with ":"',
    ],
    ['a dimension name over 250 characters', () => scope().addDimension('d'.repeat(251), 'acme'), '1 to 250'],
    ['a metadata key of spaces', () => scope().addMetadata(' ', 1), 'A metadata key'],
  ])('%s', (_, add, message) => {
    expect(refusal(add).message).toContain(message)
    expect(refusal(add).code).toBe('INVALID_METRIC')
  })

  it('a 31st dimension, counting the default ones, and takes a 30th or a new value of one it has', () => {
    const metrics = scope({ service: 'orders', environment: 'prod' })
    for (let index = 0; index < 28; index++) metrics.addDimension(`d${index}`, 'x')
    metrics.addDimension('d0', 'another value')
    metrics.addDimension('environment', 'staging')
    expect(refusal(() => metrics.addDimension('d28', 'x')).message).toContain('would make 31 dimensions')
  })

  it('a name used for two things in one line: a metric, a dimension, a metadata key', () => {
    const metrics = scope()
    metrics.addMetric('tenant', 'Count', 1)
    expect(refusal(() => metrics.addDimension('tenant', 'acme')).message).toContain(
      '"tenant" is a metric of these metrics already',
    )
    expect(refusal(() => metrics.addMetadata('tenant', 'acme')).message).toContain('cannot be a metadata key')
    expect(refusal(() => metrics.addMetric('service', 'Count', 1)).message).toContain(
      '"service" is a dimension',
    )
  })

  it('a metric added again with another unit or resolution', () => {
    const metrics = scope()
    metrics.addMetric('latency', 'Milliseconds', 5)
    expect(refusal(() => metrics.addMetric('latency', 'Seconds', 5)).message).toContain(
      'was added as Milliseconds at standard resolution; it cannot be added as Seconds at standard resolution',
    )
    expect(refusal(() => metrics.addMetric('latency', 'Milliseconds', 5, 'high')).message).toContain(
      'high resolution',
    )
  })

  it('dimensions given as something other than an object', () => {
    expect(refusal(() => scope().addDimensions(null as never)).message).toContain(
      'an object of names and values',
    )
  })
})

describe('request.metrics.time()', () => {
  it('adds how long synchronous work took, in milliseconds, and returns its result', () => {
    vi.spyOn(performance, 'now').mockReturnValueOnce(1_000).mockReturnValueOnce(1_012.3456)
    const metrics = scope()
    expect(metrics.time('pricing', () => 42)).toBe(42)
    expect(metrics.metrics?.get('pricing')).toEqual({
      unit: 'Milliseconds',
      highResolution: false,
      values: [12.346],
    })
    vi.restoreAllMocks()
  })

  it('adds how long a promise took to settle, rejected ones included, and passes the rejection on', async () => {
    const metrics = scope()
    await expect(metrics.time('lookup', async () => 'found')).resolves.toBe('found')
    await expect(metrics.time('lookup', () => Promise.reject(new Error('not found')))).rejects.toThrow(
      'not found',
    )
    expect(() =>
      metrics.time('lookup', () => {
        throw new Error('sync failure')
      }),
    ).toThrow('sync failure')
    expect(metrics.metrics?.get('lookup')?.values).toHaveLength(3)
  })

  it('refuses a name before the work runs', () => {
    const metrics = scope()
    metrics.addMetric('lookup', 'Count', 1)
    const work = vi.fn()
    expect(refusal(() => metrics.time('lookup', work)).message).toContain('was added as Count')
    expect(refusal(() => metrics.time('', work)).message).toContain('A metric name')
    expect(work).not.toHaveBeenCalled()
  })
})

describe('the limits on values', () => {
  it('are 2^360 and 2^-360 exactly', async () => {
    const { maxValueMagnitude, minValueMagnitude } = await import('../../src/emf/limits.js')
    expect(maxValueMagnitude).toBe(2 ** 360)
    expect(minValueMagnitude).toBe(2 ** -360)
  })
})
