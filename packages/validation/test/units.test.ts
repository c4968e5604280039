import { describe, expect, it } from 'vitest'
import * as z from 'zod'
import { formatForContentType } from '../src/body/content-type.js'
import { formatIssuePath, parseForm, ValidationError, validate } from '../src/index.js'
import { redactInput } from '../src/schema/redact-input.js'

describe('formatIssuePath', () => {
  it('writes keys as a JavaScript reader reaches them', () => {
    expect(formatIssuePath('body', ['items', 0, 'qty'])).toBe('body.items[0].qty')
    expect(formatIssuePath('headers', [{ key: 'x-api-key' }])).toBe('headers["x-api-key"]')
    expect(formatIssuePath('body', ['0', '$ok', '_a1'])).toBe('body["0"].$ok._a1')
    expect(formatIssuePath('body', [Symbol('s')])).toBe('body[Symbol(s)]')
    expect(formatIssuePath('query', undefined)).toBe('query')
    expect(formatIssuePath('query', [])).toBe('query')
  })
})

describe('parseForm', () => {
  it('decodes names and values, turns repeated names into arrays, and keeps __proto__ as data', () => {
    const fields = parseForm('a=1&b=x+y&a=2&%5F%5Fproto%5F%5F=evil&c=%E2%9C%93&bad=%zz&a=3')
    expect(fields).toEqual({ a: ['1', '2', '3'], b: 'x y', c: '✓', bad: '%zz', ['__proto__']: 'evil' })
    expect(Object.getPrototypeOf(fields)).toBe(Object.prototype)
    expect(Object.keys(fields)).toContain('__proto__')
  })

  it('reads an empty form as no fields', () => {
    expect(parseForm('')).toEqual({})
  })
})

describe('formatForContentType', () => {
  it.each([
    [undefined, 'json'],
    ['', 'json'],
    ['application/json', 'json'],
    ['Application/JSON; charset=UTF-8', 'json'],
    ['application/problem+json', 'json'],
    ['application/x-www-form-urlencoded', 'form'],
    ['APPLICATION/VND.API+JSON ; q=1', 'json'],
    ['application/x-www-form-urlencoded', 'form'],
    ['text/plain', 'text'],
    ['multipart/form-data; boundary=x', 'text'],
  ])('%s is read as %s by a schema that takes text', (contentType, format) => {
    expect(formatForContentType(contentType, true)).toBe(format)
  })

  it.each([
    ['application/json', 'json'],
    ['application/x-www-form-urlencoded', 'form'],
    ['text/plain', 'unsupported'],
    ['application/xml', 'unsupported'],
    ['application/jsonp', 'unsupported'],
  ])('%s is %s for a schema that does not take text', (contentType, format) => {
    expect(formatForContentType(contentType, false)).toBe(format)
  })
})

describe('redactInput', () => {
  it('replaces the quoted text value, in any quoting, and a long bare one', () => {
    expect(redactInput('Expected number but received "hunter2"', 'hunter2')).toBe(
      'Expected number but received <redacted>',
    )
    expect(redactInput("received 'hunter2'", 'hunter2')).toBe('received <redacted>')
    expect(redactInput('received "a\\"b"', 'a"b')).toBe('received <redacted>')
    expect(redactInput('token sk_live_abcdef is revoked', 'sk_live_abcdef')).toBe(
      'token <redacted> is revoked',
    )
  })

  it('keeps numbers, short bare words and messages without the value', () => {
    expect(redactInput('Expected >=1 but received 0', 0)).toBe('Expected >=1 but received 0')
    expect(redactInput('Expected string', 'string')).toBe('Expected string')
    expect(redactInput('Invalid UUID', 'abc')).toBe('Invalid UUID')
  })
})

describe('ValidationError', () => {
  it('can be thrown by application code with its own issues', () => {
    const error = new ValidationError('Order cannot be placed', [
      { path: 'body.items', message: 'Out of stock' },
    ])
    expect(error.status).toBe(422)
    expect(error.code).toBe('VALIDATION_FAILED')
    expect(error.message).toBe('Order cannot be placed: body.items: Out of stock')
    expect(error.toResponseBody()).toEqual({
      error: {
        type: 'validation',
        message: 'Order cannot be placed',
        issues: [{ path: 'body.items', message: 'Out of stock' }],
      },
    })
  })

  it('lists at most ten issues in its message and counts the rest', () => {
    const issues = Array.from({ length: 12 }, (_, index) => ({ path: `body[${index}]`, message: 'Required' }))
    const error = new ValidationError('body failed validation', issues, { status: 400 })
    expect(error.code).toBe('MALFORMED_INPUT')
    expect(error.message.endsWith('body[9]: Required; and 2 more')).toBe(true)
    expect(error.toResponseBody().error.issues).toHaveLength(12)
  })
})

describe('errors from validate()', () => {
  it('carry no stack frames (a client mistake needs none) and leave Error.stackTraceLimit as it was', () => {
    const limit = Error.stackTraceLimit
    const middleware = validate({ body: z.number() }) as unknown as {
      handle: (request: object, next: () => unknown) => unknown
    }
    let thrown: unknown
    try {
      middleware.handle({ kind: 'sqs', body: '"x"' }, () => undefined)
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(ValidationError)
    expect((thrown as Error).stack).not.toMatch(/\n\s+at /)
    expect(Error.stackTraceLimit).toBe(limit)
  })
})
