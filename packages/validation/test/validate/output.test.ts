import { http, lambda, raw, reply, setLogWriter } from '@tsumiki/core'
import * as v from 'valibot'
import { afterEach, describe, expect, it, vi } from 'vitest'
import * as z from 'zod'
import { isOutputValidationError, OutputValidationError, validate } from '../../src/index.js'
import { createContext } from '../support/context.js'
import { httpEvent } from '../support/http-event.js'
import { testSqs } from '../support/record-adapters.js'
import { sqsEvent } from '../support/record-events.js'

const ZodOrderView = z.object({ id: z.string(), total: z.number() })
const ValibotOrderView = v.object({ id: v.string(), total: v.number() })

const restoreWriters: (() => void)[] = []

/** The lines tsumiki writes, captured through core's log writer. */
function captureStderr(): string[] {
  const lines: string[] = []
  restoreWriters.push(setLogWriter((line) => lines.push(line)))
  return lines
}

afterEach(() => {
  for (const restore of restoreWriters.splice(0)) restore()
  vi.restoreAllMocks()
})

describe.each([
  { library: 'zod', OrderView: ZodOrderView },
  { library: 'valibot', OrderView: ValibotOrderView },
])('output with $library', ({ OrderView }) => {
  it('answers a generic 500 for output the schema refuses, and logs the issues', async () => {
    const stderr = captureStderr()
    const handler = lambda(http())
      .use(validate({ output: OrderView }))
      .handle(() => ({ id: 'o-1', total: 'a lot', secretCost: 3 }))
    const response = await handler(httpEvent({ method: 'GET' }), createContext())
    expect(response.statusCode).toBe(500)
    expect(JSON.parse(response.body ?? '')).toEqual({
      error: { type: 'internal', message: 'Internal server error' },
    })
    expect(stderr).toHaveLength(1)
    const line = JSON.parse(stderr[0] ?? '')
    expect(line).toMatchObject({
      level: 'ERROR',
      message: 'Unhandled error: answered 500',
      error: { name: 'OutputValidationError', code: 'OUTPUT_VALIDATION_FAILED' },
    })
    expect(line.error.message).toMatch(/^The handler's output failed validation: output\.total: /)
  })

  it('sends the schema output, so fields it does not name stay inside', async () => {
    const handler = lambda(http())
      .use(validate({ output: OrderView }))
      .handle(() => ({ id: 'o-1', total: 12, secretCost: 3 }))
    const response = await handler(httpEvent({ method: 'GET' }), createContext())
    expect(JSON.parse(response.body ?? '')).toEqual({ id: 'o-1', total: 12 })
  })

  it('checks the body of a reply() and keeps its status and headers', async () => {
    const handler = lambda(http())
      .use(validate({ output: OrderView }))
      .handle(() =>
        reply({ status: 201, headers: { location: '/orders/o-1' }, body: { id: 'o-1', total: 1, x: 1 } }),
      )
    const response = await handler(httpEvent(), createContext())
    expect(response.statusCode).toBe(201)
    expect(response.headers?.location).toBe('/orders/o-1')
    expect(JSON.parse(response.body ?? '')).toEqual({ id: 'o-1', total: 1 })

    captureStderr()
    const broken = lambda(http())
      .use(validate({ output: OrderView }))
      .handle(() => reply({ status: 201, body: { id: 'o-1' } }))
    expect((await broken(httpEvent(), createContext())).statusCode).toBe(500)
  })

  it('checks an async handler result', async () => {
    const handler = lambda(raw())
      .use(validate({ output: OrderView }))
      .handle(async () => ({ id: 'o-1', total: '12' }))
    const error: unknown = await handler({}, createContext()).catch((failure) => failure)
    if (!(error instanceof OutputValidationError)) throw new Error('expected an OutputValidationError')
    expect(isOutputValidationError(error)).toBe(true)
    expect(error.issues).toEqual([{ path: 'output.total', message: expect.any(String) }])
  })

  it('fails only the record whose result is refused, on a batch source', async () => {
    const handler = lambda(testSqs())
      .use(validate({ output: OrderView }))
      .handle((request) => ({ id: request.recordId, total: request.body === 'ok' ? 1 : null }))
    const outcome = await handler(sqsEvent('ok', 'bad', 'ok'), createContext())
    expect(outcome.results).toEqual([
      { id: 'm1', total: 1 },
      { id: 'm3', total: 1 },
    ])
    expect(outcome.failures.map((failure) => failure.recordId)).toEqual(['m2'])
    expect(isOutputValidationError(outcome.failures[0]?.error)).toBe(true)
  })
})

it('checks input and output in one middleware', async () => {
  const handler = lambda(http())
    .use(validate({ query: z.object({ n: z.coerce.number() }), output: z.object({ doubled: z.number() }) }))
    .handle((request) => ({ doubled: request.input.query.n * 2 }))
  const response = await handler(httpEvent({ method: 'GET', rawQueryString: 'n=21' }), createContext())
  expect(JSON.parse(response.body ?? '')).toEqual({ doubled: 42 })
})
