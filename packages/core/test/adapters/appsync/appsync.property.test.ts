import type { Context } from 'aws-lambda'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type AppSyncRequest,
  appSync,
  isAppSyncError,
  isInvalidEventError,
  lambda,
  setLogWriter,
} from '../../../src/index.js'
import { context } from '../../support/index.js'

// `pnpm mutation` runs these once per mutant: it asks for fewer cases (vitest.mutation.config.ts).
const numRuns = Number(process.env.PROPERTY_RUNS ?? 300)

type AnyEventHandler = (event: unknown, context: Context) => Promise<unknown>

const unhandled: unknown[] = []
const onUnhandled = (reason: unknown) => unhandled.push(reason)
let restoreLogWriter: () => void = () => {}
beforeAll(() => {
  process.on('unhandledRejection', onUnhandled)
  restoreLogWriter = setLogWriter(() => {})
})
afterAll(() => {
  process.off('unhandledRejection', onUnhandled)
  restoreLogWriter()
  expect(unhandled).toEqual([])
})

function mostly<T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  return fc.oneof({ arbitrary, weight: 4 }, { arbitrary: fc.anything(), weight: 1 })
}

const trickyName = fc.oneof(
  fc.string(),
  fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty'),
)
const graphQlName = fc.oneof(
  fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,20}$/),
  fc.constantFrom('__proto__', ''),
)
const hugeString = fc.constantFrom('x'.repeat(300_000), '\u0000'.repeat(10), '%E0%A4%A')

const fieldEvent = fc.record(
  {
    arguments: mostly(fc.dictionary(trickyName, fc.oneof(fc.jsonValue(), hugeString))),
    identity: mostly(
      fc.oneof(
        fc.constant(null),
        fc.record({ sub: mostly(fc.string()), issuer: mostly(fc.string()) }, { requiredKeys: [] }),
        fc.record(
          { userArn: mostly(fc.string()), cognitoIdentityId: mostly(fc.string()) },
          { requiredKeys: [] },
        ),
      ),
    ),
    source: mostly(fc.oneof(fc.constant(null), fc.dictionary(trickyName, fc.jsonValue()))),
    request: mostly(
      fc.record(
        {
          headers: mostly(fc.dictionary(trickyName, mostly(fc.oneof(fc.string(), hugeString)))),
          domainName: mostly(fc.oneof(fc.constant(null), fc.string())),
        },
        { requiredKeys: [] },
      ),
    ),
    prev: mostly(fc.oneof(fc.constant(null), fc.record({ result: fc.jsonValue() }))),
    info: mostly(
      fc.record(
        {
          parentTypeName: mostly(graphQlName),
          fieldName: mostly(graphQlName),
          selectionSetList: fc.array(fc.string(), { maxLength: 3 }),
          variables: fc.dictionary(trickyName, fc.jsonValue()),
        },
        { requiredKeys: [] },
      ),
    ),
    stash: mostly(fc.dictionary(trickyName, fc.jsonValue())),
  },
  { requiredKeys: [] },
)
const anyEvent = fc.oneof(
  fc.anything(),
  fieldEvent,
  fc.array(fieldEvent, { maxLength: 6 }),
  fc.array(fc.anything()),
)

/** Reads every field, so a field the adapter built wrongly fails here rather than in user code. */
function echo(request: AppSyncRequest): unknown {
  const { capabilities } = request
  return {
    field: request.field,
    typeName: request.typeName,
    fieldName: request.fieldName,
    arguments: request.arguments,
    body: request.body,
    source: request.source,
    headers: request.headers,
    domainName: request.domainName,
    stash: request.stash,
    prevResult: request.prevResult ?? null,
    correlationId: request.correlationId ?? null,
    caller: capabilities.callerOf(request) ?? null,
    fingerprint: capabilities.fingerprintOf(request) ?? null,
    key: capabilities.headerOf(request, 'Idempotency-Key') ?? null,
  }
}

describe('appSync() on any event', () => {
  it('answers every field it can read (a list: one item each, in order) or refuses the event with a typed error', async () => {
    const fails = (request: AppSyncRequest) => request.fieldName.length % 3 === 0
    const handler = lambda(appSync()).handle((request) => {
      const seen = echo(request)
      if (fails(request)) throw new Error(`secret ${request.field}`)
      return { index: request.batchIndex ?? null, seen }
    }) as AnyEventHandler
    await fc.assert(
      fc.asyncProperty(anyEvent, async (event) => {
        let outcome: { result: unknown } | { error: unknown }
        try {
          outcome = { result: await handler(event, context()) }
        } catch (error) {
          outcome = { error }
        }
        if ('error' in outcome) {
          // Either the event is not AppSync's (nothing ran), or one field failed: AppSync's shape, nothing of the cause.
          const { error } = outcome
          expect(isInvalidEventError(error) || isAppSyncError(error)).toBe(true)
          if (isAppSyncError(error)) expect(error.message).not.toContain('secret')
          return
        }
        if (!Array.isArray(event)) return
        // Nothing lost: one item per field, in order, each its value or AppSync's error shape.
        const items = outcome.result as { data: unknown; errorType?: string }[]
        expect(items).toHaveLength(event.length)
        items.forEach((item, index) => {
          if (item.errorType === undefined) expect(item.data).toMatchObject({ index })
          else
            expect(item).toEqual({
              data: null,
              errorType: 'InternalFailure',
              errorMessage: 'Internal failure',
            })
        })
      }),
      { numRuns },
    )
  })

  it('keeps hostile header and argument names as own data, never on a prototype', async () => {
    const handler = lambda(appSync()).handle((request) => ({
      headers: Object.getPrototypeOf(request.headers) === Object.prototype,
      polluted: ({} as Record<string, unknown>).polluted,
    })) as AnyEventHandler
    await fc.assert(
      fc.asyncProperty(fc.dictionary(trickyName, fc.string()), async (headers) => {
        const event = {
          arguments: JSON.parse('{"__proto__":{"polluted":1}}'),
          request: {
            headers: { ...headers, ...JSON.parse('{"__proto__":{"polluted":1}}') },
            domainName: null,
          },
          info: { parentTypeName: 'Query', fieldName: 'a', selectionSetList: [], variables: {} },
        }
        await expect(handler(event, context())).resolves.toEqual({ headers: true, polluted: undefined })
      }),
      { numRuns },
    )
  })
})
