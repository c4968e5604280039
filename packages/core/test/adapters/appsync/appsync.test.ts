import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  AppSyncError,
  type AppSyncRequest,
  appSync,
  HttpError,
  InvalidEventError,
  InvalidOptionError,
  isAppSyncError,
  lambda,
  middleware,
  resolvers,
  setLogWriter,
} from '../../../src/index.js'
import { appSyncEvent, context } from '../../support/index.js'

const lines: string[] = []
let restore: () => void = () => {}
beforeEach(() => {
  lines.length = 0
  restore = setLogWriter((line) => lines.push(line))
})
afterEach(() => restore())

/** What the function threw, for a look at the error AppSync receives. */
async function thrownBy(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error('expected the function to throw')
}

describe('appSync(): Invoke', () => {
  it('gives the field, its arguments (also as body), parent, identity, headers, info and stash', async () => {
    let seen: AppSyncRequest | undefined
    const event = appSyncEvent('Query.getPost', {
      arguments: { id: 'p-1' },
      source: { id: 'parent' },
      request: { headers: { 'X-Correlation-Id': 'corr-9', host: 'x' }, domainName: 'api.example.com' },
      prev: { result: { step: 1 } },
      stash: { tenant: 't-1' },
    })
    await lambda(appSync()).handle((request) => {
      seen = request
    })(event, context())

    expect(seen).toMatchObject({
      kind: 'appsync',
      field: 'Query.getPost',
      typeName: 'Query',
      fieldName: 'getPost',
      arguments: { id: 'p-1' },
      body: { id: 'p-1' },
      source: { id: 'parent' },
      headers: { 'x-correlation-id': 'corr-9', host: 'x' },
      domainName: 'api.example.com',
      prevResult: { step: 1 },
      stash: { tenant: 't-1' },
      correlationId: 'corr-9',
      eventId: undefined,
      recordId: undefined,
      batchIndex: undefined,
    })
    expect(seen?.info).toBe(event.info)
    expect(seen?.item).toBe(event)
    expect(seen?.event).toBe(event)
  })

  it('declares what middlewares ask of any source: an answer, headers, the caller, a fingerprint', async () => {
    const event = appSyncEvent('Mutation.createPost', {
      arguments: { title: 'Hi' },
      request: { headers: { 'Idempotency-Key': 'k-1', 'x-amzn-requestid': 'r-1' }, domainName: null },
    })
    const seen = await lambda(appSync()).handle((request) => {
      const { capabilities } = request
      return {
        answers: capabilities.answersWithStatus,
        key: capabilities.headerOf(request, 'idempotency-key'),
        caller: capabilities.callerOf(request),
        fingerprint: capabilities.fingerprintOf(request),
        contentType: capabilities.bodyContentType(request),
        correlationId: request.correlationId,
      }
    })(event, context())
    expect(seen).toEqual({
      answers: true,
      key: 'k-1',
      caller: JSON.stringify([
        'jwt',
        'https://cognito-idp.us-west-2.amazonaws.com/us-west-2_EXAMPLE',
        '192879fc-a240-4bf1-ab5a-d6a00f3063f9',
      ]),
      fingerprint: JSON.stringify(['Mutation.createPost', { title: 'Hi' }, null]),
      contentType: undefined,
      correlationId: 'r-1',
    })
  })

  it('names an IAM caller by its ARN and an API key caller not at all', async () => {
    const callerOf = lambda(appSync()).handle((request) => request.capabilities.callerOf(request) ?? null)
    const iam = appSyncEvent('Query.a', {
      identity: {
        accountId: '123456789012',
        cognitoIdentityPoolId: '',
        cognitoIdentityId: '',
        sourceIp: ['203.0.113.10'],
        username: 'AIDAEXAMPLE',
        userArn: 'arn:aws:iam::123456789012:user/ana',
        cognitoIdentityAuthType: '',
        cognitoIdentityAuthProvider: '',
      },
    })
    await expect(callerOf(iam, context())).resolves.toBe(
      JSON.stringify(['iam', 'arn:aws:iam::123456789012:user/ana']),
    )
    await expect(callerOf(appSyncEvent('Query.a', { identity: null }), context())).resolves.toBeNull()
  })

  it('answers with the handler’s result', async () => {
    const handler = lambda(appSync()).handle(() => ({ id: 'p-1', title: 'Hello' }))
    await expect(handler(appSyncEvent('Query.getPost'), context())).resolves.toEqual({
      id: 'p-1',
      title: 'Hello',
    })
  })

  it('throws an AppSyncError as it is: Lambda reports its name as errorType, AppSync shows it', async () => {
    const handler = lambda(appSync()).handle(() => {
      throw new AppSyncError('NotFound', 'No post p-9', { errorInfo: { id: 'p-9' } })
    })
    const error = await thrownBy(handler(appSyncEvent('Query.getPost'), context()))
    expect(error).toSatisfy(isAppSyncError)
    expect(error).toMatchObject({ name: 'NotFound', errorType: 'NotFound', message: 'No post p-9' })
  })

  it('throws a 4xx HttpError as an AppSyncError of its type and message, logged at info as an answer', async () => {
    const handler = lambda(appSync()).handle(() => {
      throw new HttpError(404, 'No post p-9')
    })
    const error = await thrownBy(handler(appSyncEvent('Query.getPost'), context()))
    expect(error).toMatchObject({ name: 'not_found', errorType: 'not_found', message: 'No post p-9' })
    expect(lines).toEqual([])
  })

  it('hides anything else from the client as InternalFailure, and logs it once, whole', async () => {
    const handler = lambda(appSync()).handle(() => {
      throw new Error('connect ECONNREFUSED db.internal:5432 password=hunter2')
    })
    const error = await thrownBy(handler(appSyncEvent('Query.getPost'), context()))
    expect(error).toMatchObject({ name: 'InternalFailure', message: 'Internal failure' })
    expect(JSON.stringify(error)).not.toContain('hunter2')
    expect(lines).toHaveLength(1)
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({
      level: 'ERROR',
      message: 'AppSync resolver failed',
      field: 'Query.getPost',
      error: { message: 'connect ECONNREFUSED db.internal:5432 password=hunter2' },
    })
  })

  it.each([
    ['not an object', 'a string'],
    ['null', null],
    ['no info', { arguments: {} }],
    ['info without fieldName', { info: { parentTypeName: 'Query' } }],
    ['arguments not an object', { ...appSyncEvent('Query.a'), arguments: ['x'] }],
  ])('refuses an event that is %s with InvalidEventError, the chain not run', async (_name, event) => {
    let ran = false
    const handler = lambda(appSync()).handle(() => {
      ran = true
    })
    await expect(handler(event as never, context())).rejects.toBeInstanceOf(InvalidEventError)
    expect(ran).toBe(false)
  })

  it('keeps a header named __proto__ as data', async () => {
    const event = appSyncEvent('Query.a', {
      request: { headers: JSON.parse('{"__proto__":"x","accept":"*/*"}'), domainName: null },
    })
    const headers = await lambda(appSync()).handle((request) => request.headers)(event, context())
    expect(Object.getPrototypeOf(headers)).toBe(Object.prototype)
    expect(Object.entries(headers as object)).toEqual([
      ['__proto__', 'x'],
      ['accept', '*/*'],
    ])
  })
})

describe('appSync(): BatchInvoke', () => {
  const batch = () => [
    appSyncEvent('Post.author', { source: { authorId: 'a-1' } }),
    appSyncEvent('Post.author', { source: { authorId: 'missing' } }),
    appSyncEvent('Post.author', { source: { authorId: 'a-3' } }),
  ]

  it('answers one item per field, in order: { data } or AppSync’s error shape, a failure failing only its own', async () => {
    const handler = lambda(appSync()).handle((request) => {
      const { authorId } = request.source as { authorId: string }
      if (authorId === 'missing') throw new AppSyncError('NotFound', 'No author', { errorInfo: { authorId } })
      return { id: authorId }
    })
    await expect(handler(batch(), context())).resolves.toEqual([
      { data: { id: 'a-1' } },
      { data: null, errorType: 'NotFound', errorMessage: 'No author', errorInfo: { authorId: 'missing' } },
      { data: { id: 'a-3' } },
    ])
  })

  it('runs the fields one after another, each with its index and record id', async () => {
    const seen: string[] = []
    const handler = lambda(appSync()).handle(async (request) => {
      seen.push(`start ${request.recordId} ${request.batchIndex}`)
      await Promise.resolve()
      seen.push(`end ${request.recordId}`)
    })
    await expect(handler(batch(), context())).resolves.toEqual([
      { data: null },
      { data: null },
      { data: null },
    ])
    expect(seen).toEqual([
      'start Post.author[0] 0',
      'end Post.author[0]',
      'start Post.author[1] 1',
      'end Post.author[1]',
      'start Post.author[2] 2',
      'end Post.author[2]',
    ])
  })

  it('answers an unexpected error as InternalFailure with data, logged under its record id', async () => {
    const handler = lambda(appSync()).handle((request) => {
      if (request.batchIndex === 2) throw new Error('boom')
      return 1
    })
    await expect(handler(batch(), context())).resolves.toEqual([
      { data: 1 },
      { data: 1 },
      { data: null, errorType: 'InternalFailure', errorMessage: 'Internal failure' },
    ])
    expect(lines.map((line) => JSON.parse(line))).toMatchObject([
      { level: 'ERROR', record_id: 'Post.author[2]', error: { message: 'boom' } },
    ])
  })

  it('refuses a list with an item it cannot read before running any', async () => {
    let runs = 0
    const handler = lambda(appSync()).handle(() => {
      runs += 1
    })
    await expect(handler([appSyncEvent('Post.author'), null] as never, context())).rejects.toBeInstanceOf(
      InvalidEventError,
    )
    expect(runs).toBe(0)
    await expect(handler([], context())).resolves.toEqual([])
  })
})

describe('resolvers()', () => {
  const tag = middleware<AppSyncRequest, { tag: string }>({
    name: 'tag',
    handle: (_request, next) => next({ tag: 'from the route' }),
  })
  const schema = resolvers()
    .field('Query.getPost', (route) =>
      route.handle((request) => ({ id: request.arguments.id, field: request.fieldName })),
    )
    .field('Post.author', (route) =>
      route.use(tag).handle((request) => ({ type: request.typeName, tag: request.tag })),
    )
  const handler = lambda(appSync()).handle(schema)

  it('routes each field to its own chain', async () => {
    await expect(
      handler(appSyncEvent('Query.getPost', { arguments: { id: 'p-1' } }), context()),
    ).resolves.toEqual({ id: 'p-1', field: 'getPost' })
    await expect(handler([appSyncEvent('Post.author')], context())).resolves.toEqual([
      { data: { type: 'Post', tag: 'from the route' } },
    ])
  })

  it('fails a field without a resolver as InternalFailure, logged as the wiring fault it is', async () => {
    const error = await thrownBy(handler(appSyncEvent('Query.unknown'), context()))
    expect(error).toMatchObject({ name: 'InternalFailure' })
    expect(lines.join('')).toContain('no resolver for Query.unknown')
  })

  it('refuses a field declared twice, a name not Type.field, a declaration that is not a route', () => {
    expect(() => schema.field('Query.getPost', (route) => route.handle(() => 1))).toThrow(InvalidOptionError)
    expect(() => resolvers().field('getPost' as never, (route) => route.handle(() => 1))).toThrow(
      InvalidOptionError,
    )
    expect(() => resolvers().field('Query.a', (() => ({})) as never)).toThrow(InvalidOptionError)
  })

  it('is immutable: field() returns a new set of resolvers', async () => {
    const base = resolvers().field('Query.a', (route) => route.handle(() => 'a'))
    base.field('Query.b', (route) => route.handle(() => 'b'))
    const error = await thrownBy(lambda(appSync()).handle(base)(appSyncEvent('Query.b'), context()))
    expect(error).toMatchObject({ name: 'InternalFailure' })
  })
})
