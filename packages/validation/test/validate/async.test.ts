import { http, lambda, type Middleware } from '@tsumiki/core'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import * as z from 'zod'
import { validate } from '../../src/index.js'
import { createContext } from '../support/context.js'
import { httpEvent, jsonEvent } from '../support/http-event.js'
import { validOrder, ZodOrder } from '../support/schemas.js'

const takenSkus = new Set(['taken'])
const lookUpSku = async (sku: string) => {
  await new Promise((resolve) => setTimeout(resolve, 1))
  return !takenSkus.has(sku)
}

const ZodAsyncItem = z.object({ sku: z.string().refine(lookUpSku, 'SKU is taken') })
const ValibotAsyncItem = v.objectAsync({
  sku: v.pipeAsync(v.string(), v.checkAsync(lookUpSku, 'SKU is taken')),
})

describe.each([
  { library: 'zod', Item: ZodAsyncItem },
  { library: 'valibot', Item: ValibotAsyncItem },
])('async schemas with $library', ({ Item }) => {
  const handler = lambda(http())
    .use(validate({ body: Item, query: z.object({ dryRun: z.enum(['yes', 'no']) }) }))
    .handle((request) => ({ sku: request.input.body.sku, dryRun: request.input.query.dryRun }))

  it('waits for an async schema and passes its output on', async () => {
    const response = await handler(
      jsonEvent({ sku: 'free' }, { rawQueryString: 'dryRun=no' }),
      createContext(),
    )
    expect(JSON.parse(response.body ?? '')).toEqual({ sku: 'free', dryRun: 'no' })
  })

  it('reports async issues together with the synchronous parts', async () => {
    const response = await handler(
      jsonEvent({ sku: 'taken' }, { rawQueryString: 'dryRun=maybe' }),
      createContext(),
    )
    expect(response.statusCode).toBe(422)
    expect(JSON.parse(response.body ?? '').error.issues).toEqual([
      { path: 'query.dryRun', message: expect.any(String) },
      { path: 'body.sku', message: 'SKU is taken' },
    ])
  })
})

describe('synchronous fast path', () => {
  // Sees whether the layers inside it answered synchronously: a promise would mean an added microtask.
  function probe(answers: boolean[]): Middleware {
    return {
      name: 'probe',
      handle: (_request, next) => {
        const result = (next as () => unknown)()
        answers.push(!(result instanceof Promise))
        return result
      },
    }
  }

  it('adds no promise when the schemas and the handler are synchronous', async () => {
    const answers: boolean[] = []
    const handler = lambda(http())
      .use(probe(answers))
      .use(validate({ body: ZodOrder, query: z.object({}), output: z.object({ id: z.string() }) }))
      .handle((request) => ({ id: request.input.body.id }))
    await handler(jsonEvent(validOrder), createContext())
    expect(answers).toEqual([true])
  })

  it('throws a synchronous ValidationError rather than a rejected promise for bad synchronous input', async () => {
    const thrown: unknown[] = []
    const catcher: Middleware = {
      name: 'catcher',
      handle: (_request, next) => {
        try {
          return (next as () => unknown)()
        } catch (error) {
          thrown.push(error)
          throw error
        }
      },
    }
    const handler = lambda(http())
      .use(catcher)
      .use(validate({ body: ZodOrder }))
      .handle(() => 'unreachable')
    const response = await handler(httpEvent({ body: '{}' }), createContext())
    expect(response.statusCode).toBe(422)
    expect(thrown).toHaveLength(1)
  })
})
