import { describe, expect, it } from 'vitest'
import {
  DeadlineExceededError,
  HttpError,
  httpErrors,
  InitError,
  InvalidEventError,
  InvalidOptionError,
  isErrorReported,
  isHttpError,
  isRecordsFailedError,
  isTsumikiError,
  markErrorReported,
  RecordsFailedError,
  TsumikiError,
} from '../../src/index.js'

describe('TsumikiError', () => {
  it('has a stable code, a message for people and the name of its class', () => {
    const error = new TsumikiError('ORDER_LOCKED', 'Order ord-1 is locked by another worker')
    expect(error).toBeInstanceOf(Error)
    expect(error.code).toBe('ORDER_LOCKED')
    expect(error.message).toBe('Order ord-1 is locked by another worker')
    expect(error.name).toBe('TsumikiError')
  })

  it('keeps the cause it was given, and has none otherwise', () => {
    const cause = new Error('ConditionalCheckFailedException')
    expect(new TsumikiError('X', 'failed', { cause }).cause).toBe(cause)
    expect('cause' in new TsumikiError('X', 'failed')).toBe(false)
  })

  it.each([
    [new InitError('parameters', new Error('denied')), 'INIT_FAILED', 'InitError'],
    [new InvalidEventError('sns', 'it has no Records array'), 'INVALID_EVENT', 'InvalidEventError'],
    [new DeadlineExceededError(500), 'DEADLINE_EXCEEDED', 'DeadlineExceededError'],
    [
      new RecordsFailedError('s3', [{ recordId: 'b/k', error: new Error('x') }], 2),
      'RECORDS_FAILED',
      'RecordsFailedError',
    ],
    [new HttpError(404, 'No such order'), 'HTTP_404', 'HttpError'],
  ])('is the base of %s, with its own code', (error, code, name) => {
    expect(error).toBeInstanceOf(TsumikiError)
    expect(isTsumikiError(error)).toBe(true)
    expect(error.code).toBe(code)
    expect(error.name).toBe(name)
  })

  it('says in a RecordsFailedError how many records failed, and keeps every cause', () => {
    const first = new Error('first')
    const second = new Error('second')
    const error = new RecordsFailedError(
      'sns',
      [
        { recordId: 'm-1', error: first },
        { recordId: 'm-4', error: second },
      ],
      5,
    )
    expect(error.message).toBe('2 of 5 sns records failed: m-1, m-4')
    expect(error.cause).toBeInstanceOf(AggregateError)
    expect((error.cause as AggregateError).errors).toEqual([first, second])
  })

  it('names the first ten records of a large failure, lists a shared error once, and says when all failed', () => {
    const shared = new Error('deadline')
    const failures = Array.from({ length: 12 }, (_, index) => ({ recordId: `m-${index}`, error: shared }))
    const error = new RecordsFailedError('sqs', failures, 12)
    expect(error.message).toBe(
      'All 12 sqs records failed: m-0, m-1, m-2, m-3, m-4, m-5, m-6, m-7, m-8, m-9 and 2 more',
    )
    expect(error.failures).toHaveLength(12)
    expect(error).toMatchObject({ source: 'sqs', total: 12, code: 'RECORDS_FAILED' })
    expect((error.cause as AggregateError).errors).toEqual([shared])
    expect(isRecordsFailedError(error)).toBe(true)
    expect(isRecordsFailedError(Object.assign(new Error('x'), { failures }))).toBe(false)
  })
})

describe('HttpError', () => {
  it('carries a status, a type from the status, details and headers', () => {
    const error = new HttpError(429, 'Slow down', { details: { limit: 10 }, headers: { 'retry-after': '5' } })
    expect(error.status).toBe(429)
    expect(error.type).toBe('too_many_requests')
    expect(error.details).toEqual({ limit: 10 })
    expect(error.headers).toEqual({ 'retry-after': '5' })
  })

  it('takes a custom type, and falls back to client_error / server_error for uncommon statuses', () => {
    expect(new HttpError(400, 'Bad coupon', { type: 'invalid_coupon' }).type).toBe('invalid_coupon')
    expect(new HttpError(418, 'I am a teapot').type).toBe('client_error')
    expect(new HttpError(507, 'Insufficient storage').type).toBe('server_error')
  })

  it.each([400, 451, 599])('accepts status %i', (status) => {
    expect(new HttpError(status, 'x').status).toBe(status)
  })

  it.each([200, 399, 600, 404.5, Number.NaN])('rejects status %s with an InvalidOptionError', (status) => {
    expect(() => new HttpError(status, 'x')).toThrow(InvalidOptionError)
  })

  it('answers toResponseBody() with type, message and details, never the stack or the cause', () => {
    const cause = new Error('SELECT * FROM users WHERE password = ...')
    const error = httpErrors.badRequest('Invalid email', { details: { field: 'email' }, cause })
    const body = error.toResponseBody()
    expect(body).toEqual({
      error: { type: 'bad_request', message: 'Invalid email', details: { field: 'email' } },
    })
    const text = JSON.stringify(body)
    expect(text).not.toContain('SELECT')
    expect(text).not.toContain('stack')
    expect(text).not.toContain('at ')
  })

  it('leaves details out of the body when there are none', () => {
    expect(httpErrors.notFound().toResponseBody()).toEqual({
      error: { type: 'not_found', message: 'Not found' },
    })
  })
})

describe('recognising errors by brand', () => {
  it('recognises errors made by another copy of the package (same global brand, different class)', () => {
    // What an HttpError made by the CJS build looks like to the ESM build: not an instance, but branded.
    const foreign = Object.assign(new Error('Not found'), {
      status: 404,
      type: 'not_found',
      code: 'HTTP_404',
    })
    Object.defineProperty(foreign, Symbol.for('tsumiki.HttpError'), { value: true })
    Object.defineProperty(foreign, Symbol.for('tsumiki.TsumikiError'), { value: true })
    expect(foreign).not.toBeInstanceOf(HttpError)
    expect(isHttpError(foreign)).toBe(true)
    expect(isTsumikiError(foreign)).toBe(true)
  })

  it('does not take an error that merely looks like one for it', () => {
    const lookalike = Object.assign(new Error('Not found'), { status: 404, code: 'HTTP_404' })
    expect(isHttpError(lookalike)).toBe(false)
    expect(isTsumikiError(lookalike)).toBe(false)
  })

  it.each([null, undefined, 'HttpError', 404, {}])('answers false for %s', (value) => {
    expect(isHttpError(value)).toBe(false)
    expect(isTsumikiError(value)).toBe(false)
  })

  it('tells HTTP errors from other tsumiki errors', () => {
    expect(isHttpError(new HttpError(400, 'x'))).toBe(true)
    expect(isHttpError(new InvalidEventError('http', 'x'))).toBe(false)
  })
})

describe('markErrorReported()', () => {
  it('marks an error as logged, once and for all', () => {
    const error = new Error('boom')
    expect(isErrorReported(error)).toBe(false)
    markErrorReported(error)
    expect(isErrorReported(error)).toBe(true)
  })

  it('marks frozen errors too, without touching them', () => {
    const frozen = Object.freeze(new Error('frozen'))
    markErrorReported(frozen)
    expect(isErrorReported(frozen)).toBe(true)
  })

  it('marks a thrown string or any value per request, and only for that request', () => {
    const request = {}
    const otherRequest = {}
    markErrorReported('text', request)
    expect(isErrorReported('text', request)).toBe(true)
    expect(isErrorReported('text', otherRequest)).toBe(false)
    expect(isErrorReported('text')).toBe(false)
  })

  it('marks one error shared by several requests once for each', () => {
    const shared = new Error('deadline')
    const first = {}
    const second = {}
    markErrorReported(shared, first)
    expect(isErrorReported(shared, first)).toBe(true)
    expect(isErrorReported(shared, second)).toBe(false)
  })
})
