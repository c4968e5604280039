import type { Context } from 'aws-lambda'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  isInvalidEventError,
  lambda,
  setLogWriter,
  type WebSocketRequest,
  webSocket,
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

const trickyName = fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'toString'))
const stringMap = fc.dictionary(trickyName, mostly(fc.string()))
const body = fc.oneof(fc.string(), fc.base64String(), fc.constantFrom('%%%not base64', 'x'.repeat(300_000)))

const webSocketShaped = fc.record(
  {
    requestContext: mostly(
      fc.record(
        {
          routeKey: mostly(
            fc.constantFrom('$connect', '$disconnect', '$default', 'sendMessage', '__proto__'),
          ),
          eventType: mostly(fc.constantFrom('CONNECT', 'MESSAGE', 'DISCONNECT')),
          connectionId: mostly(fc.string()),
          domainName: mostly(fc.string()),
          stage: mostly(fc.string()),
          messageId: mostly(fc.string()),
          requestId: mostly(fc.string()),
          connectedAt: mostly(fc.integer()),
          identity: mostly(fc.record({ sourceIp: mostly(fc.string()), userArn: mostly(fc.string()) })),
          authorizer: mostly(fc.record({ principalId: mostly(fc.string()) })),
        },
        { requiredKeys: [] },
      ),
    ),
    headers: mostly(stringMap),
    queryStringParameters: mostly(stringMap),
    body: mostly(body),
    isBase64Encoded: mostly(fc.boolean()),
  },
  { requiredKeys: [] },
)

function echo(request: WebSocketRequest): unknown {
  const { capabilities } = request
  return {
    routeKey: request.routeKey,
    eventType: request.eventType,
    connectionId: request.connectionId,
    domainName: request.domainName,
    stage: request.stage,
    body: request.body?.length ?? null,
    headers: request.headers,
    query: request.query,
    connectedAtMs: request.connectedAtMs ?? null,
    sourceIp: request.sourceIp ?? null,
    caller: capabilities.callerOf(request) ?? null,
    fingerprint: capabilities.fingerprintOf(request)?.length ?? null,
  }
}

describe('webSocket() on any event', () => {
  it('answers with a status and a string body, or refuses the event with InvalidEventError', async () => {
    const handler = lambda(webSocket()).handle((request) => {
      const seen = echo(request)
      if (request.connectionId.length % 4 === 0) throw new Error('secret')
      return seen
    }) as AnyEventHandler
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.anything(), webSocketShaped), async (event) => {
        let answer: unknown
        try {
          answer = await handler(event, context())
        } catch (error) {
          expect(error).toSatisfy(isInvalidEventError)
          return
        }
        const { statusCode, body: answered } = answer as { statusCode: number; body?: unknown }
        expect([200, 500]).toContain(statusCode)
        if (answered !== undefined) expect(typeof answered).toBe('string')
        if (statusCode === 500) expect(answered).not.toContain('secret')
      }),
      { numRuns },
    )
  })

  it('keeps hostile header and query names as own data, never on a prototype', async () => {
    const handler = lambda(webSocket()).handle((request) => ({
      plain: Object.getPrototypeOf(request.headers) === Object.prototype,
      queryPlain: Object.getPrototypeOf(request.query) === Object.prototype,
    })) as AnyEventHandler
    await fc.assert(
      fc.asyncProperty(stringMap, async (headers) => {
        const polluting = JSON.parse('{"__proto__":"x"}')
        const event = {
          requestContext: {
            routeKey: '$connect',
            eventType: 'CONNECT',
            connectionId: 'c',
            domainName: 'd',
            stage: 's',
          },
          headers: { ...headers, ...polluting },
          queryStringParameters: polluting,
        }
        await expect(handler(event, context())).resolves.toEqual({
          statusCode: 200,
          body: '{"plain":true,"queryPlain":true}',
        })
      }),
      { numRuns },
    )
  })
})
