import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createMetrics, isInvalidMetricError } from '../src/index.js'
import { captureEmf, type EmfCapture, valuesOf } from './support/capture-emf.js'

/*
 * Whatever a caller adds, hostile names and values included (`__proto__`, `_aws`, huge, unicode, control characters,
 * NaN): it is refused with an InvalidMetricError where it is added, or it is in a valid EMF line exactly as given.
 * Nothing else: no other error, no invalid line, nothing dropped.
 */

let capture: EmfCapture
beforeEach(() => {
  capture = captureEmf()
})
afterEach(() => capture.stop())

const hostileText = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ minLength: 240, maxLength: 1_100 }),
  fc.constantFrom(
    '__proto__',
    'constructor',
    'toString',
    '_aws',
    ':colon',
    ' ',
    '',
    'a\u0000b',
    'line\nbreak',
    '"quoted"',
  ),
)

const hostileNumber = fc.oneof(
  fc.double(),
  fc.constantFrom(0, -0, 2 ** 360, 2 ** 361, 2 ** -360, 2 ** -361, Number.MAX_VALUE, Number.MIN_VALUE),
)

/** Runs `add`; true when it was accepted, false when refused with an InvalidMetricError; any other throw fails. */
function accepted(add: () => void): boolean {
  try {
    add()
    return true
  } catch (error) {
    expect(isInvalidMetricError(error), String(error)).toBe(true)
    return false
  }
}

describe('hostile input', () => {
  it('property: a metric is refused where it is added, or written as given', () => {
    fc.assert(
      fc.property(hostileText, hostileNumber, (name, value) => {
        capture.clear()
        const metrics = createMetrics({ namespace: 'Props', service: 'p' })
        const ok = accepted(() => metrics.addMetric(name, 'Count', value))
        metrics.flush()
        const documents = capture.documents
        if (!ok) {
          expect(documents).toEqual([])
          return
        }
        expect(valuesOf(documents, name)).toEqual([Object.is(value, -0) ? 0 : value])
      }),
      { numRuns: 300 },
    )
  })

  it('property: a dimension and a metadata entry are refused where added, or written as given', () => {
    fc.assert(
      fc.property(hostileText, hostileText, hostileText, (dimension, value, key) => {
        capture.clear()
        const metrics = createMetrics({ namespace: 'Props', service: 'p' })
        metrics.addMetric('calls', 'Count', 1)
        const dimensionOk = accepted(() => metrics.addDimension(dimension, value))
        const metadataOk = accepted(() => metrics.addMetadata(key, value))
        metrics.flush()
        const [document, ...rest] = capture.documents
        expect(rest).toEqual([])
        expect(document?.calls).toBe(1)
        if (dimensionOk) {
          expect(document?._aws.CloudWatchMetrics[0]?.Dimensions[0]).toContain(dimension)
          expect(Object.getOwnPropertyDescriptor(document, dimension)?.value).toBe(value)
        }
        if (metadataOk && !(dimensionOk && key === dimension)) {
          expect(Object.getOwnPropertyDescriptor(document, key)?.value).toBe(value)
        }
      }),
      { numRuns: 300 },
    )
  })
})
