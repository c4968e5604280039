import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { validate } from '../src/index.js'

// The checks a JavaScript caller (or a cast) gets at module load, where TypeScript would have refused to compile.
describe('validate() options', () => {
  it('refuses no schema at all', () => {
    expect(() => validate({})).toThrow(/needs at least one schema/)
  })

  it("refuses a 'path' part and points to pathParams", () => {
    expect(() => validate({ path: z.object({}) } as never)).toThrow(/path parameters are 'pathParams'/)
  })

  it('refuses an unknown part, listing the parts', () => {
    expect(() => validate({ bdoy: z.object({}) } as never)).toThrow(
      /unknown part 'bdoy'. Parts: event, record/,
    )
  })

  it('refuses a value that is not a Standard Schema', () => {
    expect(() => validate({ body: { parse: () => 1 } } as never)).toThrow(/expected a zod schema/)
  })

  it('refuses an unknown bodyFormat or envelope, and either without a body schema', () => {
    expect(() => validate({ body: z.string() }, { bodyFormat: 'xml' as never })).toThrow(/bodyFormat must be/)
    expect(() => validate({ body: z.string() }, { envelope: 'sqs' as never })).toThrow(/envelope must be/)
    expect(() => validate({ query: z.object({}) }, { envelope: 'sns' })).toThrow(/no body schema/)
  })

  it('is named for errors and profiles', () => {
    expect(validate({ body: z.string() }).name).toBe('validate')
  })
})
