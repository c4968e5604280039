import { describe, expect, it } from 'vitest'
import {
  anObject,
  anyOf,
  aString,
  checkOptions,
  DeadlineExceededError,
  HttpError,
  httpErrors,
  InitError,
  InvalidEventError,
  InvalidOptionError,
  isDeadlineExceededError,
  isInitError,
  isInvalidEventError,
  isInvalidOptionError,
  isRecordsFailedError,
  isTsumikiError,
  listOf,
  type OptionRule,
  oneOf,
  RecordsFailedError,
  recordOf,
  required,
  TsumikiError,
  trueOrFalse,
  wholeNumber,
} from '../../src/index.js'

function thrownBy(run: () => unknown): unknown {
  try {
    run()
  } catch (error) {
    return error
  }
  throw new Error('expected a throw')
}

describe('InvalidOptionError', () => {
  it('names the function, the option, what it must be and what it got', () => {
    const error = new InvalidOptionError(
      'idempotent()',
      'expiresAfterMs',
      'a positive number of milliseconds',
      -5,
    )
    expect(error.message).toBe(
      "idempotent(): option 'expiresAfterMs' must be a positive number of milliseconds, got -5",
    )
    expect(error.code).toBe('INVALID_OPTION')
    expect(error.name).toBe('InvalidOptionError')
    expect(error.where).toBe('idempotent()')
    expect(error.option).toBe('expiresAfterMs')
    expect(isInvalidOptionError(error)).toBe(true)
    expect(isTsumikiError(error)).toBe(true)
  })

  it.each([
    ['a short string', 'fast', '"fast"'],
    ['a long string, cut at 40 characters', 'x'.repeat(41), `"${'x'.repeat(40)}…"`],
    ['a string of exactly 40 characters, whole', 'y'.repeat(40), `"${'y'.repeat(40)}"`],
    ['a number', 1.5, '1.5'],
    ['a boolean', true, 'true'],
    ['a bigint', 12n, '12'],
    ['null', null, 'null'],
    ['undefined', undefined, 'undefined'],
    ['a function', () => 1, 'a function'],
    ['an array', [1, 2], 'an array'],
    ['an object', { secret: 'no' }, 'an object'],
  ])('describes %s without printing objects', (_what, given, described) => {
    expect(new InvalidOptionError('f()', 'o', 'something', given).message).toBe(
      `f(): option 'o' must be something, got ${described}`,
    )
  })
})

describe('checkOptions()', () => {
  const rules = { batchSize: wholeNumber(1), fifo: trueOrFalse }

  it('accepts undefined and objects with known keys only', () => {
    expect(() => checkOptions('sqs()', undefined, { batchSize: wholeNumber(1) })).not.toThrow()
    expect(() => checkOptions('sqs()', {}, { batchSize: wholeNumber(1) })).not.toThrow()
    expect(() => checkOptions('sqs()', { batchSize: 1 }, { batchSize: wholeNumber(1) })).not.toThrow()
  })

  it('names an unknown key and lists the known ones', () => {
    const error = thrownBy(() => checkOptions('sqs()', { batchSize: 1, bachSize: 2 } as object, rules))
    expect(isInvalidOptionError(error)).toBe(true)
    expect((error as InvalidOptionError).option).toBe('bachSize')
    expect((error as Error).message).toBe(
      "sqs(): option 'bachSize' must be one of the known options (batchSize, fifo), got an unknown option",
    )
  })

  it.each([
    ['null', null, 'null'],
    ['a string', 'fast', '"fast"'],
    ['an array', ['batchSize'], 'an array'],
    ['a number', 3, '3'],
  ])('rejects %s as options', (_what, options, described) => {
    const error = thrownBy(() => checkOptions('sqs()', options as object, { batchSize: wholeNumber(1) }))
    expect((error as InvalidOptionError).option).toBe('options')
    expect((error as Error).message).toBe(`sqs(): option 'options' must be an object, got ${described}`)
  })

  it('takes an option given as undefined for one left out, and refuses a required one either way', () => {
    expect(() => checkOptions('sqs()', { batchSize: undefined, fifo: undefined }, rules)).not.toThrow()
    const needsSize = { batchSize: required(wholeNumber(1)) }
    for (const options of [{}, { batchSize: undefined }]) {
      expect(() => checkOptions('sqs()', options, needsSize)).toThrow(
        "sqs(): option 'batchSize' must be a whole number, 1 or more, got undefined",
      )
    }
  })

  it('phrases what each rule expects, the same way for every factory', () => {
    const refusal = (rule: OptionRule, value: unknown) =>
      (thrownBy(() => checkOptions('f()', { o: value }, { o: rule })) as Error).message
    expect(refusal(wholeNumber(128, 10_240), 64)).toBe(
      "f(): option 'o' must be a whole number from 128 to 10240, got 64",
    )
    expect(refusal(oneOf('json', 'text'), 'xml')).toBe(
      `f(): option 'o' must be one of 'json', 'text', got "xml"`,
    )
    expect(refusal(anyOf(wholeNumber(1), oneOf(Number.POSITIVE_INFINITY)), 0)).toBe(
      "f(): option 'o' must be a whole number, 1 or more or Infinity, got 0",
    )
    expect(refusal(trueOrFalse, 'yes')).toBe(`f(): option 'o' must be true or false, got "yes"`)
  })

  it('names the path of a nested option, a list element and an object value', () => {
    const refusal = (options: object) =>
      thrownBy(() =>
        checkOptions('f()', options, {
          cache: anyOf(trueOrFalse, anObject({ maxEntries: wholeNumber(1) })),
          headers: listOf(aString),
          env: recordOf(aString),
        }),
      ) as InvalidOptionError
    expect(refusal({ cache: { maxEntries: 0 } })).toMatchObject({ option: 'cache.maxEntries' })
    expect(refusal({ cache: { maxItems: 1 } })).toMatchObject({ option: 'cache.maxItems' })
    expect(refusal({ cache: 'on' }).message).toBe(
      `f(): option 'cache' must be true or false or an object ({ maxEntries }), got "on"`,
    )
    expect(refusal({ headers: ['a', 2] })).toMatchObject({ option: 'headers[1]' })
    expect(refusal({ env: { TZ: 'UTC', PORT: 80 } }).message).toBe(
      "f(): option 'env.PORT' must be a string, got 80",
    )
    expect(() =>
      checkOptions(
        'f()',
        { cache: true, headers: ['a'], env: {} },
        { cache: trueOrFalse, headers: listOf(aString), env: recordOf(aString) },
      ),
    ).not.toThrow()
  })
})

describe('the other errors say what happened', () => {
  it('InitError names the middleware and the cause, Error or not', () => {
    const cause = new Error('AccessDenied')
    const error = new InitError('parameters', cause)
    expect(error.message).toBe('Middleware "parameters" failed to initialise: AccessDenied')
    expect(error.middleware).toBe('parameters')
    expect(error.cause).toBe(cause)
    expect(new InitError('config', 'missing TABLE').message).toBe(
      'Middleware "config" failed to initialise: missing TABLE',
    )
    expect(isInitError(error)).toBe(true)
    expect(isInitError(cause)).toBe(false)
  })

  it('InvalidEventError names the adapter and the reason', () => {
    const error = new InvalidEventError('sns', 'it has no Records array')
    expect(error.message).toBe('The sns adapter received an event it cannot read: it has no Records array')
    expect(error.adapter).toBe('sns')
    expect(isInvalidEventError(error)).toBe(true)
    expect(isInvalidEventError(new Error('x'))).toBe(false)
  })

  it('DeadlineExceededError says how long was left and the margin, left defaulting to the margin', () => {
    const error = new DeadlineExceededError(500, 312)
    expect(error.marginMs).toBe(500)
    expect(error.remainingMs).toBe(312)
    expect(error.message).toContain('still running with 312 ms left before the Lambda timeout')
    expect(error.message).toContain('deadline guard margin 500 ms')
    expect(new DeadlineExceededError(250).remainingMs).toBe(250)
    expect(isDeadlineExceededError(error)).toBe(true)
    expect(isDeadlineExceededError(new TsumikiError('DEADLINE_EXCEEDED', 'x'))).toBe(false)
  })

  it('RecordsFailedError with one failure keeps that error itself as the cause', () => {
    const only = new Error('only')
    const error = new RecordsFailedError('s3', [{ recordId: 'b/k', error: only }], 3)
    expect(error.message).toBe('1 of 3 s3 records failed: b/k')
    expect(error.cause).toBe(only)
    expect(error.failures).toEqual([{ recordId: 'b/k', error: only }])
    expect(isRecordsFailedError(error)).toBe(true)
    expect(isRecordsFailedError(only)).toBe(false)
  })

  it('each is recognised only by its own helper', () => {
    const errors = [
      new InitError('m', 'x'),
      new InvalidEventError('a', 'r'),
      new InvalidOptionError('f()', 'o', 'e', 1),
      new DeadlineExceededError(1),
      new RecordsFailedError('s', [], 0),
    ]
    const helpers = [
      isInitError,
      isInvalidEventError,
      isInvalidOptionError,
      isDeadlineExceededError,
      isRecordsFailedError,
    ]
    helpers.forEach((helper, index) => {
      expect(errors.map((error) => helper(error))).toEqual(errors.map((_, other) => other === index))
    })
  })
})

describe('HttpError validation and shorthands', () => {
  it('names the bad status in an InvalidOptionError', () => {
    const error = thrownBy(() => new HttpError(302, 'Found'))
    expect(isInvalidOptionError(error)).toBe(true)
    expect((error as Error).message).toBe(
      "HttpError: option 'status' must be a whole number from 400 to 599, got 302",
    )
  })

  it('gives each status its conventional type and code', () => {
    const expected: Record<number, string> = {
      400: 'bad_request',
      401: 'unauthorized',
      403: 'forbidden',
      404: 'not_found',
      405: 'method_not_allowed',
      406: 'not_acceptable',
      409: 'conflict',
      410: 'gone',
      412: 'precondition_failed',
      413: 'payload_too_large',
      415: 'unsupported_media_type',
      422: 'unprocessable_entity',
      429: 'too_many_requests',
      500: 'internal',
      502: 'bad_gateway',
      503: 'service_unavailable',
      504: 'deadline_exceeded',
      499: 'client_error',
      501: 'server_error',
    }
    for (const [status, type] of Object.entries(expected)) {
      const error = new HttpError(Number(status), 'x')
      expect([error.type, error.code]).toEqual([type, `HTTP_${status}`])
    }
  })

  it('has a shorthand for each common status, with a default message and options passed on', () => {
    const cases = [
      [httpErrors.badRequest, 400, 'Bad request'],
      [httpErrors.unauthorized, 401, 'Unauthorized'],
      [httpErrors.forbidden, 403, 'Forbidden'],
      [httpErrors.notFound, 404, 'Not found'],
      [httpErrors.conflict, 409, 'Conflict'],
      [httpErrors.unprocessableEntity, 422, 'Unprocessable entity'],
      [httpErrors.tooManyRequests, 429, 'Too many requests'],
    ] as const
    for (const [make, status, message] of cases) {
      const error = make()
      expect([error.status, error.message, error.headers]).toEqual([status, message, {}])
      const custom = make('custom', { headers: { 'retry-after': '1' }, details: { a: 1 } })
      expect([custom.message, custom.headers, custom.details]).toEqual([
        'custom',
        { 'retry-after': '1' },
        { a: 1 },
      ])
    }
  })
})
