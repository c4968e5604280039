import { describe, expect, it } from 'vitest'
import {
  HttpError,
  httpErrors,
  InvalidEventError,
  isErrorReported,
  markErrorReported,
  RecordsFailedError,
} from '../../src/index.js'

describe('markErrorReported() for several errors and for values that cannot be marked', () => {
  it('remembers every error marked for one request, not only the last', () => {
    const request = {}
    const first = new Error('first')
    const second = new Error('second')
    markErrorReported(first, request)
    markErrorReported(second, request)
    markErrorReported(first, request)
    expect(isErrorReported(first, request)).toBe(true)
    expect(isErrorReported(second, request)).toBe(true)
  })

  it.each([null, 'text', 42, undefined])('ignores %s with no request, without throwing', (value) => {
    expect(() => markErrorReported(value)).not.toThrow()
    expect(isErrorReported(value)).toBe(false)
  })
})

describe('error names, checked on errors made inside the test', () => {
  it('names each class', () => {
    expect(new HttpError(404, 'x').name).toBe('HttpError')
    expect(new InvalidEventError('sns', 'x').name).toBe('InvalidEventError')
    expect(new RecordsFailedError('s3', [], 0).name).toBe('RecordsFailedError')
  })

  it('leaves the details key out of a body that has no details', () => {
    expect(Object.keys(httpErrors.notFound().toResponseBody().error)).toEqual(['type', 'message'])
  })
})
