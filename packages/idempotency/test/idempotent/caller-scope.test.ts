import { apiGatewayV1, apiGatewayV2, functionUrl, type HttpRequest, lambda, reply } from '@tsumiki/core'
import { events, invoke } from '@tsumiki/testing'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type IdempotentOptions, idempotent, memoryStore } from '../../src/index.js'
import { storeKinds } from '../support/stores.js'

const expiresAfterMs = 60_000

/** An order API that answers each caller with a session cookie of their own, as the attack needed. */
function ordersApi(
  store: Awaited<ReturnType<(typeof storeKinds)[number]['create']>>,
  options: Partial<IdempotentOptions<HttpRequest>> = {},
) {
  const created: string[] = []
  const answer = (request: HttpRequest) => {
    created.push(request.body ?? '')
    return reply({
      status: 201,
      cookies: [`session=for-order-${created.length}; HttpOnly`],
      body: { orderNumber: created.length },
    })
  }
  const use = () => idempotent<HttpRequest>({ store, expiresAfterMs, ...options })
  return {
    created,
    onV2: lambda(apiGatewayV2()).use(use()).handle(answer),
    onV1: lambda(apiGatewayV1()).use(use()).handle(answer),
    onUrl: lambda(functionUrl()).use(use()).handle(answer),
  }
}

interface Post {
  readonly key?: string
  readonly body?: string
  readonly query?: Record<string, string | string[]>
  readonly headers?: Record<string, string>
}

const postInit = ({ key = 'k-1', body = '{"sku":"tea"}', query, headers }: Post) => ({
  method: 'POST',
  path: '/orders',
  headers: { 'Idempotency-Key': key, 'Content-Type': 'application/json', ...headers },
  body,
  ...(query === undefined ? {} : { query }),
})

/** An HTTP API (v2) request whose JWT authorizer verified `sub`. */
function jwtPost(sub: string | undefined, post: Post = {}) {
  const event = events.http('apiGatewayV2', postInit(post))
  if (sub !== undefined) {
    Object.assign(event.requestContext, {
      authorizer: {
        jwt: {
          claims: { iss: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_pool', sub },
          scopes: null,
        },
      },
    })
  }
  return event
}

/** A REST API (v1) request signed with IAM credentials of `userArn`. */
function iamPostV1(userArn: string, post: Post = {}) {
  const event = events.http('apiGatewayV1', postInit(post))
  Object.assign(event.requestContext.identity, { userArn, caller: 'AIDAEXAMPLE', accessKey: 'AKIAEXAMPLE' })
  return event
}

/** A Function URL request with IAM auth, signed by `userArn`. */
function iamPostUrl(userArn: string, post: Post = {}) {
  const event = events.http('functionUrl', postInit(post))
  Object.assign(event.requestContext, {
    authorizer: { iam: { accessKey: 'AKIAEXAMPLE', accountId: '111122223333', callerId: 'AIDA', userArn } },
  })
  return event
}

const bodyOf = (response: string | { body?: string | undefined }) =>
  JSON.parse(typeof response === 'string' ? response : (response.body ?? '{}'))

describe.each(storeKinds)('idempotency keys on the $name store', (kind) => {
  beforeAll(() => kind.start())
  afterAll(() => kind.stop())

  describe('are their caller’s own', () => {
    it('another caller sending the same key, method, path and body runs their own request (HTTP API JWT)', async () => {
      const { onV2, created } = ordersApi(await kind.create())
      const ana = await invoke(onV2, jwtPost('ana'))
      const bob = await invoke(onV2, jwtPost('bob'))
      expect(ana.statusCode).toBe(201)
      expect(bob.statusCode).toBe(201)
      expect(bodyOf(bob)).toEqual({ orderNumber: 2 })
      expect(bob.cookies).toEqual(['session=for-order-2; HttpOnly'])
      // Each caller's retry still gets their own stored answer.
      expect(await invoke(onV2, jwtPost('ana'))).toEqual(ana)
      expect(await invoke(onV2, jwtPost('bob'))).toEqual(bob)
      expect(created).toHaveLength(2)
    })

    it('on REST APIs and Function URLs signed with IAM, the signer is the caller', async () => {
      const { onV1, onUrl, created } = ordersApi(await kind.create())
      const anaArn = 'arn:aws:iam::123456789012:user/ana'
      const bobArn = 'arn:aws:iam::123456789012:user/bob'
      expect(bodyOf(await invoke(onV1, iamPostV1(anaArn)))).toEqual({ orderNumber: 1 })
      expect(bodyOf(await invoke(onV1, iamPostV1(bobArn)))).toEqual({ orderNumber: 2 })
      expect(bodyOf(await invoke(onV1, iamPostV1(anaArn)))).toEqual({ orderNumber: 1 })
      expect(bodyOf(await invoke(onUrl, iamPostUrl(bobArn, { key: 'k-url' })))).toEqual({ orderNumber: 3 })
      expect(bodyOf(await invoke(onUrl, iamPostUrl(anaArn, { key: 'k-url' })))).toEqual({ orderNumber: 4 })
      expect(created).toHaveLength(4)
    })

    it('a request that names no principal shares its key with every caller who sends it (a public endpoint)', async () => {
      const { onV2, created } = ordersApi(await kind.create())
      const first = await invoke(onV2, jwtPost(undefined))
      expect(await invoke(onV2, jwtPost(undefined))).toEqual(first)
      // ...and never with an authenticated caller's record of the same key.
      expect(bodyOf(await invoke(onV2, jwtPost('ana')))).toEqual({ orderNumber: 2 })
      expect(created).toHaveLength(2)
    })

    it('caller() names another scope (a tenant), and caller: false shares keys between all callers', async () => {
      const store = await kind.create()
      const byTenant = ordersApi(store, { caller: ({ headers }) => headers['x-tenant-id'] })
      const tenant = (id: string) => jwtPost(undefined, { headers: { 'X-Tenant-Id': id } })
      expect(bodyOf(await invoke(byTenant.onV2, tenant('t-1')))).toEqual({ orderNumber: 1 })
      expect(bodyOf(await invoke(byTenant.onV2, tenant('t-2')))).toEqual({ orderNumber: 2 })
      expect(bodyOf(await invoke(byTenant.onV2, tenant('t-1')))).toEqual({ orderNumber: 1 })

      const shared = ordersApi(await kind.create(), { caller: false })
      const ana = await invoke(shared.onV2, jwtPost('ana'))
      expect(await invoke(shared.onV2, jwtPost('bob'))).toEqual(ana)
      expect(shared.created).toHaveLength(1)
    })

    it('a caller() that returns something other than text is a bug: 500, and nothing runs', async () => {
      const { onV2, created } = ordersApi(await kind.create(), { caller: () => 42 as never })
      const response = await invoke(onV2, jwtPost('ana'))
      expect(response.statusCode).toBe(500)
      expect(created).toEqual([])
    })
  })

  describe('fingerprint the whole request', () => {
    it('the same key with another query string is refused (422), not answered with the first result', async () => {
      const { onV2, created } = ordersApi(await kind.create())
      const first = await invoke(onV2, jwtPost('ana', { query: { account: 'A' } }))
      expect(first.statusCode).toBe(201)
      const other = await invoke(onV2, jwtPost('ana', { query: { account: 'B' } }))
      expect(other.statusCode).toBe(422)
      expect(bodyOf(other).error.type).toBe('idempotency_payload_mismatch')
      expect(await invoke(onV2, jwtPost('ana', { query: {} }))).toMatchObject({ statusCode: 422 })
      expect(created).toHaveLength(1)
    })

    it('the same key with another content type is refused: the same bytes mean something else', async () => {
      const { onV1 } = ordersApi(await kind.create())
      const arn = 'arn:aws:iam::123456789012:user/ana'
      const asForm = { headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'sku=tea' }
      await invoke(onV1, iamPostV1(arn, { headers: { 'Content-Type': 'text/plain' }, body: 'sku=tea' }))
      expect((await invoke(onV1, iamPostV1(arn, asForm))).statusCode).toBe(422)
    })

    it('the query in another order, a refreshed token or another trace id is the same request', async () => {
      const { onV2, created } = ordersApi(await kind.create())
      const first = await invoke(
        onV2,
        jwtPost('ana', { query: { a: '1', b: ['2', '3'] }, headers: { Authorization: 'Bearer one' } }),
      )
      const retried = await invoke(
        onV2,
        jwtPost('ana', {
          query: { b: ['2', '3'], a: '1' },
          headers: { Authorization: 'Bearer refreshed', 'X-Amzn-Trace-Id': 'Root=1-other' },
        }),
      )
      expect(retried).toEqual(first)
      // A repeated parameter is a list: its order is part of the request.
      expect((await invoke(onV2, jwtPost('ana', { query: { a: '1', b: ['3', '2'] } }))).statusCode).toBe(422)
      expect(created).toHaveLength(1)
    })
  })
})

describe('callers whose ids are hostile', () => {
  it('two callers share a key’s record exactly when they are the same caller, whatever their ids hold', async () => {
    const callerId = fc.oneof(
      fc.string(),
      fc.constantFrom('__proto__', 'constructor', '#', 'a#b', '#k-1', 'k-1', '["jwt","x"]', '\u0000'),
      fc.string({ unit: fc.constantFrom('#', ':', '|', '"', ',', '[', ']', '\\') }),
      fc.string({ minLength: 100_000, maxLength: 100_010 }),
    )
    await fc.assert(
      fc.asyncProperty(
        fc.option(callerId, { nil: undefined }),
        fc.option(callerId, { nil: undefined }),
        async (a, b) => {
          const { onV2, created } = ordersApi(memoryStore(), { caller: ({ headers }) => headers['x-caller'] })
          const as = (caller: string | undefined) => {
            const event = jwtPost(undefined)
            if (caller !== undefined) event.headers['x-caller'] = caller
            return event
          }
          const first = await invoke(onV2, as(a))
          const second = await invoke(onV2, as(b))
          expect(created).toHaveLength(a === b ? 1 : 2)
          if (a === b) expect(second).toEqual(first)
          else expect(second.cookies).toEqual(['session=for-order-2; HttpOnly'])
        },
      ),
      { numRuns: 150 },
    )
  })
})
