import { isInvalidOptionError } from '@tsumiki/core'
import { describe, expect, it } from 'vitest'
import * as z from 'zod'
import { validate } from '../../src/index.js'

// The checks a JavaScript caller (or a cast) gets at module load, where TypeScript would have refused to compile.
describe('validate() options', () => {
  it('refuses no schema at all', () => {
    expect(() => validate({})).toThrow(
      "validate(): option 'schemas' must be at least one schema, e.g. validate({ body: OrderSchema }), got an object",
    )
  })

  it("refuses a 'path' part and points to pathParams", () => {
    expect(() => validate({ path: z.object({}) } as never)).toThrow(/path parameters are 'pathParams'/)
  })

  it('refuses an unknown part, listing the parts', () => {
    expect(() => validate({ bdoy: z.object({}) } as never)).toThrow(
      /validate\(\): option 'bdoy' must be one of the known options \(event, record.*\), got an unknown option/,
    )
  })

  it('refuses a value that is not a Standard Schema', () => {
    expect(() => validate({ body: { parse: () => 1 } } as never)).toThrow(
      "validate(): option 'body' must be a zod schema (3.24 or later)",
    )
  })

  it('refuses an unknown bodyFormat or envelope, and either without a body schema', () => {
    expect(() => validate({ body: z.string() }, { bodyFormat: 'xml' as never })).toThrow(
      `validate(): option 'bodyFormat' must be one of 'auto', 'json', 'form', 'text', got "xml"`,
    )
    expect(() => validate({ body: z.string() }, { envelope: 'sqs' as never })).toThrow(
      `validate(): option 'envelope' must be one of 'sns', 'eventbridge', got "sqs"`,
    )
    expect(() => validate({ query: z.object({}) }, { envelope: 'sns' })).toThrow(/no body schema/)
  })

  it('refuses an unknown option key, and every refusal is an InvalidOptionError', () => {
    expect(() => validate({ body: z.string() }, { bodyformat: 'json' } as never)).toThrow(
      "validate(): option 'bodyformat' must be one of the known options (bodyFormat, envelope, maxIssues, maxDepth)",
    )
    for (const make of [
      () => validate({}),
      () => validate({ path: z.object({}) } as never),
      () => validate({ body: { parse: () => 1 } } as never),
      () => validate({ body: z.string() }, { envelope: 'sqs' as never }),
    ]) {
      let thrown: unknown
      try {
        make()
      } catch (error) {
        thrown = error
      }
      expect(isInvalidOptionError(thrown)).toBe(true)
      expect(thrown).toMatchObject({ code: 'INVALID_OPTION', where: 'validate()' })
    }
  })

  it('is named for errors and profiles', () => {
    expect(validate({ body: z.string() }).name).toBe('validate')
  })
})
