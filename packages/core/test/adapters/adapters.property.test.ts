import type { Context } from 'aws-lambda'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  alb,
  apiGatewayV1,
  apiGatewayV2,
  eventBridge,
  functionUrl,
  type HttpRequest,
  http,
  isTsumikiError,
  lambda,
  RecordsFailedError,
  s3,
  schedule,
  setLogWriter,
  sns,
} from '../../src/index.js'
import { context } from '../support/index.js'

// `pnpm mutation` runs these once per mutant: it asks for fewer cases (vitest.mutation.config.ts).
const numRuns = Number(process.env.PROPERTY_RUNS ?? 400)

/** Any handler, called with whatever arrives: Lambda does not check the event against the function's types. */
type AnyEventHandler = (event: unknown, context: Context) => Promise<unknown>

const unhandled: unknown[] = []
const onUnhandled = (reason: unknown) => unhandled.push(reason)

beforeAll(() => {
  process.on('unhandledRejection', onUnhandled)
  // Every line tsumiki writes is kept here: a property states when there may be one.
  restoreLogWriter = setLogWriter((line) => written.push(line))
})

afterAll(() => {
  process.off('unhandledRejection', onUnhandled)
  restoreLogWriter()
  expect(unhandled).toEqual([])
})

const written: string[] = []
let restoreLogWriter: () => void = () => {}

/** Runs `check` for one generated event with an empty log, and hands it what was logged meanwhile. */
async function withLog<T>(check: (lines: readonly string[]) => Promise<T>): Promise<T> {
  written.length = 0
  return check(written)
}

// An assertion inside a handler fails the record, which the adapter turns into an ordinary failure: collect them
// instead, and let the property fail on them.
const handlerFailures: unknown[] = []
function check(assertion: () => void): void {
  try {
    assertion()
  } catch (error) {
    handlerFailures.push(error)
  }
}

/** A value of the expected type most of the time, anything at all otherwise. */
function mostly<T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  return fc.oneof({ arbitrary, weight: 3 }, { arbitrary: fc.anything(), weight: 1 })
}

/** Names an attacker or a typo could send: prototype members, encoded and malformed escapes. */
const trickyName = fc.oneof(
  fc.string(),
  fc.constantFrom(
    'constructor',
    '__proto__',
    'toString',
    'hasOwnProperty',
    'valueOf',
    'a%20b',
    '%E0%A4%A',
    '+',
    '%',
  ),
)
const stringMap = fc.dictionary(trickyName, mostly(fc.string()))
const multiMap = fc.dictionary(trickyName, mostly(fc.array(mostly(fc.string()), { maxLength: 3 })))
const queryString = fc
  .array(fc.tuple(trickyName, fc.string()), { maxLength: 5 })
  .map((pairs) => pairs.map(([name, value]) => `${name}=${value}`).join('&'))

const v1Fields = {
  httpMethod: mostly(fc.constantFrom('GET', 'post', '')),
  path: mostly(fc.string()),
  headers: mostly(stringMap),
  multiValueHeaders: mostly(multiMap),
  queryStringParameters: mostly(stringMap),
  multiValueQueryStringParameters: mostly(multiMap),
  pathParameters: mostly(stringMap),
  body: mostly(fc.string()),
  isBase64Encoded: mostly(fc.boolean()),
  requestContext: mostly(
    fc.record(
      {
        requestId: mostly(fc.string()),
        identity: mostly(fc.record({ sourceIp: mostly(fc.string()) })),
        elb: fc.option(fc.record({ targetGroupArn: fc.string() })),
      },
      { requiredKeys: [] },
    ),
  ),
}
const v1Shaped = fc.record(v1Fields, { requiredKeys: [] })
const v1Dense = fc.record(v1Fields)

const v2Fields = {
  version: mostly(fc.constantFrom('2.0', '1.0')),
  rawPath: mostly(fc.string()),
  rawQueryString: mostly(queryString),
  queryStringParameters: mostly(stringMap),
  cookies: mostly(fc.array(mostly(fc.string()), { maxLength: 4 })),
  headers: mostly(stringMap),
  pathParameters: mostly(stringMap),
  body: mostly(fc.string()),
  isBase64Encoded: mostly(fc.boolean()),
  requestContext: mostly(
    fc.record(
      {
        domainName: mostly(
          fc.constantFrom('abc.lambda-url.us-east-1.on.aws', 'abc.execute-api.us-east-1.amazonaws.com'),
        ),
        requestId: mostly(fc.string()),
        http: mostly(
          fc.record(
            {
              method: mostly(fc.constantFrom('GET', 'delete', '')),
              path: mostly(fc.string()),
              sourceIp: mostly(fc.string()),
            },
            { requiredKeys: ['method'] },
          ),
        ),
      },
      { requiredKeys: ['http'] },
    ),
  ),
}
const v2Shaped = fc.record(v2Fields, { requiredKeys: [] })
const v2Dense = fc.record(v2Fields)

const httpShaped = fc.oneof(fc.jsonValue(), fc.anything(), v1Shaped, v2Shaped, v1Dense, v2Dense)

/** Valid for any front door: an integer status, string headers, a string body when there is one. */
function expectHttpResult(result: unknown, bodyRequired: boolean): void {
  expect(typeof result).toBe('object')
  const response = result as Record<string, unknown>
  expect(Number.isInteger(response.statusCode)).toBe(true)
  expect(response.statusCode).toBeGreaterThanOrEqual(100)
  expect(response.statusCode).toBeLessThanOrEqual(599)
  if (bodyRequired || 'body' in response) expect(typeof response.body).toBe('string')
  for (const value of Object.values((response.headers ?? {}) as object)) expect(typeof value).toBe('string')
  for (const values of Object.values((response.multiValueHeaders ?? {}) as object)) {
    expect(Array.isArray(values) && values.every((value) => typeof value === 'string')).toBe(true)
  }
  if ('cookies' in response) {
    expect(Array.isArray(response.cookies)).toBe(true)
    for (const cookie of response.cookies as unknown[]) expect(typeof cookie).toBe('string')
  }
}

/** Either a valid answer or a tsumiki error; a TypeError or anything else is a crash. */
async function outcomeOf(
  handler: AnyEventHandler,
  event: unknown,
): Promise<{ result: unknown } | { error: unknown }> {
  try {
    return { result: await handler(event, context()) }
  } catch (error) {
    expect(error).toSatisfy(isTsumikiError)
    return { error }
  }
}

// The handler reads every field, so a field the adapter built wrongly fails here rather than in user code.
function echo(request: HttpRequest): unknown {
  return {
    method: request.method,
    path: request.path,
    pathParams: request.pathParams,
    query: request.query,
    multiQuery: request.multiQuery,
    headers: request.headers,
    cookies: request.cookies,
    body: request.body,
    correlationId: request.correlationId,
    sourceIp: request.sourceIp,
  }
}

describe('adapters never crash on an event they were not built for', () => {
  it.each([
    ['http()', lambda(http()).handle(echo), false],
    ['apiGatewayV1()', lambda(apiGatewayV1()).handle(echo), true],
    ['apiGatewayV2()', lambda(apiGatewayV2()).handle(echo), false],
    ['functionUrl()', lambda(functionUrl()).handle(echo), false],
    ['alb()', lambda(alb()).handle(echo), true],
  ] as const)(
    '%s answers a valid response or rejects with InvalidEventError',
    async (_name, handler, bodyRequired) => {
      await fc.assert(
        fc.asyncProperty(httpShaped, (event) =>
          withLog(async (lines) => {
            const outcome = await outcomeOf(handler as AnyEventHandler, event)
            if ('result' in outcome) {
              expectHttpResult(outcome.result, bodyRequired)
              // The echo handler cannot fail: a 500 (or any line logged) is a field the adapter built wrongly.
              expect((outcome.result as { statusCode: number }).statusCode).toBe(200)
              expect(lines).toEqual([])
            } else expect(outcome.error).toMatchObject({ code: 'INVALID_EVENT' })
          }),
        ),
        { numRuns },
      )
    },
  )

  const snsShaped = fc.record(
    {
      Records: mostly(
        fc.array(
          mostly(
            fc.record(
              {
                EventSource: mostly(fc.constant('aws:sns')),
                Sns: mostly(
                  fc.record(
                    {
                      Message: mostly(fc.string()),
                      MessageId: mostly(fc.uuid()),
                      TopicArn: mostly(fc.string()),
                      Subject: mostly(fc.string()),
                      MessageAttributes: mostly(
                        fc.dictionary(
                          trickyName,
                          mostly(fc.record({ Type: fc.string(), Value: mostly(fc.string()) })),
                        ),
                      ),
                    },
                    { requiredKeys: [] },
                  ),
                ),
              },
              { requiredKeys: [] },
            ),
          ),
          { maxLength: 4 },
        ),
      ),
    },
    { requiredKeys: [] },
  )

  it('sns() resolves or rejects with InvalidEventError / RecordsFailedError', async () => {
    handlerFailures.length = 0
    const handler = lambda(sns()).handle((request) =>
      check(() => {
        expect(typeof request.body).toBe('string')
        for (const value of Object.values(request.attributes)) expect(typeof value).toBe('string')
        expect(request.eventId).toBe(request.messageId)
      }),
    ) as AnyEventHandler
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.jsonValue(), snsShaped), async (event) => {
        const outcome = await outcomeOf(handler, event)
        if ('result' in outcome) expect(outcome.result).toBeUndefined()
        else if (outcome.error instanceof RecordsFailedError) {
          for (const failure of outcome.error.failures) {
            expect(typeof failure.recordId).toBe('string')
            expect(failure.error).toMatchObject({ code: 'INVALID_EVENT' })
          }
        } else expect(outcome.error).toMatchObject({ code: 'INVALID_EVENT' })
      }),
      { numRuns },
    )
    expect(handlerFailures).toEqual([])
  })

  const s3Shaped = fc.record(
    {
      Records: mostly(
        fc.array(
          mostly(
            fc.record(
              {
                eventName: mostly(fc.constantFrom('ObjectCreated:Put', 'ObjectRemoved:Delete')),
                responseElements: mostly(fc.record({ 'x-amz-request-id': mostly(fc.string()) })),
                s3: mostly(
                  fc.record(
                    {
                      bucket: mostly(fc.record({ name: mostly(fc.string()) }, { requiredKeys: [] })),
                      object: mostly(
                        fc.record(
                          { key: mostly(fc.string()), size: mostly(fc.nat()), eTag: mostly(fc.string()) },
                          { requiredKeys: [] },
                        ),
                      ),
                    },
                    { requiredKeys: [] },
                  ),
                ),
              },
              { requiredKeys: [] },
            ),
          ),
          { maxLength: 4 },
        ),
      ),
    },
    { requiredKeys: [] },
  )

  it('s3() resolves or rejects with InvalidEventError / RecordsFailedError', async () => {
    handlerFailures.length = 0
    const handler = lambda(s3()).handle((request) =>
      check(() => {
        expect(typeof request.bucket).toBe('string')
        expect(typeof request.key).toBe('string')
        expect(request.recordId).toBe(`${request.bucket}/${request.key}`)
      }),
    ) as AnyEventHandler
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.jsonValue(), s3Shaped), async (event) => {
        const outcome = await outcomeOf(handler, event)
        if ('result' in outcome) expect(outcome.result).toBeUndefined()
        else if (outcome.error instanceof RecordsFailedError) {
          for (const failure of outcome.error.failures) {
            expect(typeof failure.recordId).toBe('string')
            expect(failure.error).toMatchObject({ code: 'INVALID_EVENT' })
          }
        } else expect(outcome.error).toMatchObject({ code: 'INVALID_EVENT' })
      }),
      { numRuns },
    )
    expect(handlerFailures).toEqual([])
  })

  const eventBridgeShaped = fc.record(
    {
      id: mostly(fc.uuid()),
      'detail-type': mostly(fc.string()),
      source: mostly(fc.string()),
      time: mostly(fc.date({ noInvalidDate: true }).map((date) => date.toISOString())),
      resources: mostly(fc.array(fc.string(), { maxLength: 3 })),
      detail: fc.anything(),
    },
    { requiredKeys: [] },
  )

  it('eventBridge() resolves to the handler result or rejects with InvalidEventError', async () => {
    const handler = lambda(eventBridge()).handle((request) => ({
      detailType: request.detailType,
      resources: request.resources.length,
    })) as AnyEventHandler
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.jsonValue(), fc.anything(), eventBridgeShaped), async (event) => {
        const outcome = await outcomeOf(handler, event)
        if ('result' in outcome) {
          expect(outcome.result).toEqual({
            detailType: (event as Record<string, unknown>)['detail-type'],
            resources: expect.any(Number),
          })
        } else expect(outcome.error).toMatchObject({ code: 'INVALID_EVENT' })
      }),
      { numRuns },
    )
  })

  it('schedule() always resolves: any JSON may be a schedule input', async () => {
    const handler = lambda(schedule<unknown>()).handle((request) => {
      expect(Number.isFinite(request.scheduledAtMs)).toBe(true)
      expect(['string', 'undefined']).toContain(typeof request.scheduleArn)
    }) as AnyEventHandler
    const scheduleShaped = fc.record(
      {
        'detail-type': mostly(fc.constant('Scheduled Event')),
        time: mostly(fc.string()),
        resources: mostly(fc.array(mostly(fc.string()), { maxLength: 2 })),
        id: mostly(fc.string()),
      },
      { requiredKeys: [] },
    )
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.jsonValue(), fc.anything(), scheduleShaped), async (event) => {
        await expect(handler(event, context())).resolves.toBeUndefined()
      }),
      { numRuns },
    )
  })
})
