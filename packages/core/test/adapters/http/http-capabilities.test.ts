import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  eventBridge,
  eventCapabilities,
  type HttpEvent,
  type HttpRequest,
  http,
  type InvocationRequest,
  lambda,
} from '../../../src/index.js'
import {
  albEvent,
  apiGatewayV1Event,
  apiGatewayV2Event,
  context,
  eventBridgeEvent,
  functionUrlEvent,
  readResponse,
} from '../../support/index.js'

async function requestFor(event: HttpEvent): Promise<HttpRequest> {
  let seen: HttpRequest | undefined
  const handler = lambda(http()).handle((request) => {
    seen = request
  })
  expect(readResponse(await handler(event, context())).status).toBe(204)
  if (seen === undefined) throw new Error('the handler did not run')
  return seen
}

async function callerOf(event: HttpEvent): Promise<string | undefined> {
  const request = await requestFor(event)
  return request.capabilities.callerOf(request)
}

/** Sets `requestContext` fields the way each front door delivers them (the fixtures have none authenticated). */
function withRequestContext<T extends HttpEvent>(event: T, fields: Record<string, unknown>): T {
  Object.assign(event.requestContext, fields)
  return event
}

// The authenticated shapes below follow AWS's own samples: API Gateway's "Input format of a Lambda function for
// proxy integration" (REST: `authorizer.claims` of a Cognito user pool authorizer, `authorizer.principalId` and the
// context of a Lambda authorizer, `identity.*` under IAM auth), the HTTP API "payload format version 2.0" events
// captured by Powertools (`authorizer.jwt`, `authorizer.iam`, `authorizer.lambda`), Lambda's "Function URL request
// payload" (`authorizer.iam`), and the types of @types/aws-lambda.
const unauthenticatedIdentity = apiGatewayV1Event().requestContext.identity

describe('callerOf: the principal the front door authenticated', () => {
  it('REST API: Cognito user pool claims (issuer and subject), Lambda authorizer principalId, identity pool, IAM', async () => {
    const claims = {
      sub: 'd2f50444-0041-7036-aea2-a955fca33d37',
      iss: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_y0bLG4i27',
      'cognito:username': 'ana',
      token_use: 'id',
    }
    expect(await callerOf(withRequestContext(apiGatewayV1Event(), { authorizer: { claims } }))).toBe(
      JSON.stringify(['jwt', claims.iss, claims.sub]),
    )
    expect(
      await callerOf(
        withRequestContext(apiGatewayV1Event(), {
          authorizer: { principalId: 'user|a1b2', integrationLatency: 12, tenant: 't-1' },
        }),
      ),
    ).toBe('["lambda","user|a1b2"]')
    const identityPoolUser = {
      ...unauthenticatedIdentity,
      cognitoIdentityId: 'us-east-1:2a2a2a2a-1111-2222-3333-444444444444',
      cognitoIdentityPoolId: 'us-east-1:pool',
      userArn: 'arn:aws:sts::123456789012:assumed-role/Cognito_Auth_Role/CognitoIdentityCredentials',
      caller: 'AROAEXAMPLE:CognitoIdentityCredentials',
    }
    // Every user of the pool has the pool's role, so its ARN would put them all under one caller.
    expect(await callerOf(withRequestContext(apiGatewayV1Event(), { identity: identityPoolUser }))).toBe(
      '["cognito-identity","us-east-1:2a2a2a2a-1111-2222-3333-444444444444"]',
    )
    const iamUser = {
      ...unauthenticatedIdentity,
      userArn: 'arn:aws:iam::123456789012:user/ana',
      caller: 'AIDAEXAMPLE',
      user: 'AIDAEXAMPLE',
      accessKey: 'AKIAEXAMPLE',
    }
    expect(await callerOf(withRequestContext(apiGatewayV1Event(), { identity: iamUser }))).toBe(
      '["iam","arn:aws:iam::123456789012:user/ana"]',
    )
    expect(
      await callerOf(withRequestContext(apiGatewayV1Event(), { identity: { ...iamUser, userArn: null } })),
    ).toBe('["iam-caller","AIDAEXAMPLE"]')
  })

  it('HTTP API: JWT authorizer claims, IAM (with and without an identity pool), Lambda authorizer context', async () => {
    const jwt = {
      claims: {
        aud: '3nkoep4151b7umeggnottc30u9',
        exp: '1718722804',
        iss: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_y0bLG4i27',
        sub: 'd2f50444-0041-7036-aea2-a955fca33d37',
      },
      scopes: null,
    }
    expect(await callerOf(withRequestContext(apiGatewayV2Event(), { authorizer: { jwt } }))).toBe(
      JSON.stringify(['jwt', jwt.claims.iss, jwt.claims.sub]),
    )
    const iam = {
      accessKey: 'ABCAXZWZ5ZDPIFV7JHWH',
      accountId: '123456789012',
      callerId: 'ABCAXZWZ5ZDPNIH6C6ODK:aamorosi',
      cognitoIdentity: null,
      principalOrgId: null,
      userArn: 'arn:aws:sts::123456789012:assumed-role/Admin/aamorosi',
      userId: 'ABCOAXZWZ5ZDPNIH6C6ODK:aamorosi',
    }
    expect(await callerOf(withRequestContext(apiGatewayV2Event(), { authorizer: { iam } }))).toBe(
      '["iam","arn:aws:sts::123456789012:assumed-role/Admin/aamorosi"]',
    )
    const cognitoIdentity = {
      amr: ['authenticated'],
      identityId: 'us-east-1:abc',
      identityPoolId: 'us-east-1:p',
    }
    expect(
      await callerOf(
        withRequestContext(apiGatewayV2Event(), { authorizer: { iam: { ...iam, cognitoIdentity } } }),
      ),
    ).toBe('["cognito-identity","us-east-1:abc"]')
    // A Lambda authorizer's context, in any key order, is its caller; an authorizer that returned none names nobody.
    const byContext = await callerOf(
      withRequestContext(apiGatewayV2Event(), { authorizer: { lambda: { userId: 'u-7', tenant: 't-1' } } }),
    )
    expect(byContext).toBe(JSON.stringify(['lambda-context', '[["tenant","t-1"],["userId","u-7"]]']))
    expect(
      await callerOf(
        withRequestContext(apiGatewayV2Event(), { authorizer: { lambda: { tenant: 't-1', userId: 'u-7' } } }),
      ),
    ).toBe(byContext)
    expect(
      await callerOf(withRequestContext(apiGatewayV2Event(), { authorizer: { lambda: null } })),
    ).toBeUndefined()
    expect(
      await callerOf(withRequestContext(apiGatewayV2Event(), { authorizer: { lambda: {} } })),
    ).toBeUndefined()
  })

  it('Function URL with IAM auth: the signer’s ARN', async () => {
    const iam = {
      accessKey: 'AKIAIOSFODNN7EXAMPLE',
      accountId: '111122223333',
      callerId: 'AIDACKCEVSQ6C2EXAMPLE',
      cognitoIdentity: null,
      principalOrgId: null,
      userArn: 'arn:aws:iam::111122223333:user/example-user',
      userId: 'AIDACKCEVSQ6C2EXAMPLE',
    }
    expect(await callerOf(withRequestContext(functionUrlEvent(), { authorizer: { iam } }))).toBe(
      '["iam","arn:aws:iam::111122223333:user/example-user"]',
    )
  })

  it('names nobody where the event authenticated nobody: public routes, ALB (even with OIDC headers), events', async () => {
    // AWS's REST sample for a public method: `authorizer: { claims: null, scopes: null }`, identity all null.
    expect(
      await callerOf(withRequestContext(apiGatewayV1Event(), { authorizer: { claims: null, scopes: null } })),
    ).toBeUndefined()
    expect(await callerOf(apiGatewayV1Event())).toBeUndefined()
    expect(await callerOf(apiGatewayV2Event())).toBeUndefined()
    expect(await callerOf(functionUrlEvent())).toBeUndefined()
    expect(
      await callerOf(albEvent({ headers: { 'x-amzn-oidc-identity': ['someone-else'] } })),
    ).toBeUndefined()
    // Identity fields API Gateway leaves empty, and values that are not strings, name nobody either.
    expect(
      await callerOf(
        withRequestContext(apiGatewayV1Event(), {
          authorizer: { principalId: '', claims: { sub: 42 } },
          identity: { ...unauthenticatedIdentity, userArn: '', caller: ['x'] },
        }),
      ),
    ).toBeUndefined()
    let onEvents: InvocationRequest | undefined
    await lambda(eventBridge()).handle((request) => {
      onEvents = request
    })(eventBridgeEvent('OrderPlaced', { id: 7 }), context())
    expect(onEvents?.capabilities.callerOf(onEvents)).toBeUndefined()
    expect(eventCapabilities.callerOf({})).toBeUndefined()
  })

  it('gives two principals the same string only when they are the same, whatever their ids hold', async () => {
    // Ids that could pass for another principal's if they were joined with a separator, and ones that are huge or
    // look like object keys.
    const id = fc.oneof(
      fc.string({ minLength: 1 }),
      fc.constantFrom('__proto__', 'constructor', '#', '"]', '","', '["iam","x"]', 'a#b', '\\', '\u0000'),
      fc.string({ minLength: 1, unit: fc.constantFrom('#', ':', '|', '"', ',', '[', ']', '\\') }),
      fc.string({ minLength: 70_000, maxLength: 70_010 }),
    )
    const principal = fc.oneof(
      fc.record({ kind: fc.constant('v1-claims' as const), iss: id, sub: id }),
      fc.record({ kind: fc.constant('v1-principal' as const), id }),
      fc.record({ kind: fc.constant('v1-arn' as const), id }),
      fc.record({ kind: fc.constant('v2-jwt' as const), iss: id, sub: id }),
      fc.record({ kind: fc.constant('v2-arn' as const), id }),
      fc.record({ kind: fc.constant('v2-lambda' as const), id }),
    )
    type Principal = typeof principal extends fc.Arbitrary<infer T> ? T : never
    const eventOf = (p: Principal): HttpEvent => {
      switch (p.kind) {
        case 'v1-claims':
          return withRequestContext(apiGatewayV1Event(), {
            authorizer: { claims: { iss: p.iss, sub: p.sub } },
          })
        case 'v1-principal':
          return withRequestContext(apiGatewayV1Event(), { authorizer: { principalId: p.id } })
        case 'v1-arn':
          return withRequestContext(apiGatewayV1Event(), {
            identity: { ...unauthenticatedIdentity, userArn: p.id },
          })
        case 'v2-jwt':
          return withRequestContext(apiGatewayV2Event(), {
            authorizer: { jwt: { claims: { iss: p.iss, sub: p.sub }, scopes: null } },
          })
        case 'v2-arn':
          return withRequestContext(apiGatewayV2Event(), { authorizer: { iam: { userArn: p.id } } })
        case 'v2-lambda':
          return withRequestContext(apiGatewayV2Event(), { authorizer: { lambda: { [p.id]: p.id } } })
      }
    }
    // The same principal through either front door is the same caller: a JWT is a JWT, an ARN an ARN.
    const identityOf = (p: Principal) =>
      JSON.stringify(
        p.kind === 'v1-claims' || p.kind === 'v2-jwt'
          ? ['jwt', p.iss, p.sub]
          : [p.kind === 'v1-arn' || p.kind === 'v2-arn' ? 'arn' : p.kind, p.id],
      )
    await fc.assert(
      fc.asyncProperty(principal, principal, async (a, b) => {
        const [callerA, callerB] = [await callerOf(eventOf(a)), await callerOf(eventOf(b))]
        expect(callerA).toBeTypeOf('string')
        expect(callerA === callerB).toBe(identityOf(a) === identityOf(b))
      }),
      { numRuns: 200 },
    )
  })
})

describe('fingerprintOf: what the client asked for', () => {
  const fingerprint = async (event: HttpEvent) => {
    const request = await requestFor(event)
    return request.capabilities.fingerprintOf(request)
  }

  it('covers method, path, query, content type and body', async () => {
    const post = (spec: Parameters<typeof apiGatewayV2Event>[0] = {}) =>
      apiGatewayV2Event({
        method: 'POST',
        path: '/payments',
        query: { account: ['A'] },
        headers: { 'Content-Type': ['application/json'] },
        body: '{"cents":500}',
        ...spec,
      })
    const first = await fingerprint(post())
    expect(first).toBeTypeOf('string')
    expect(await fingerprint(post())).toBe(first)
    expect(await fingerprint(post({ method: 'PUT' }))).not.toBe(first)
    expect(await fingerprint(post({ path: '/refunds' }))).not.toBe(first)
    expect(await fingerprint(post({ query: { account: ['B'] } }))).not.toBe(first)
    expect(await fingerprint(post({ query: {} }))).not.toBe(first)
    expect(
      await fingerprint(post({ headers: { 'Content-Type': ['application/x-www-form-urlencoded'] } })),
    ).not.toBe(first)
    expect(await fingerprint(post({ body: '{"cents":5000}' }))).not.toBe(first)
    expect(await fingerprint(post({ body: '' }))).not.toBe(await fingerprint(post({ body: undefined })))
  })

  it('is the same for the query in another order, and for other headers; not for a list in another order', async () => {
    const get = (query: Record<string, string[]>, headers: Record<string, string[]> = {}) =>
      apiGatewayV1Event({ path: '/search', query, headers })
    const sorted = await fingerprint(get({ a: ['1'], b: ['2'] }))
    expect(await fingerprint(get({ b: ['2'], a: ['1'] }))).toBe(sorted)
    expect(
      await fingerprint(
        get({ a: ['1'], b: ['2'] }, { Authorization: ['Bearer refreshed'], 'X-Amz-Date': ['now'] }),
      ),
    ).toBe(sorted)
    expect(await fingerprint(get({ a: ['1', '2'] }))).not.toBe(await fingerprint(get({ a: ['2', '1'] })))
    expect(await fingerprint(get(JSON.parse('{"__proto__":["x"]}')))).not.toBe(await fingerprint(get({})))
  })

  it('is undefined on sources whose events carry their own id', () => {
    expect(eventCapabilities.fingerprintOf({})).toBeUndefined()
  })
})

describe('headerOf', () => {
  it('reads a header in any letter case, and nothing from the object prototype', async () => {
    const request = await requestFor(functionUrlEvent({ headers: { 'Idempotency-Key': ['k-1'] } }))
    expect(request.capabilities.headerOf(request, 'Idempotency-Key')).toBe('k-1')
    expect(request.capabilities.headerOf(request, 'idempotency-key')).toBe('k-1')
    expect(request.capabilities.headerOf(request, 'constructor')).toBeUndefined()
    expect(request.capabilities.headerOf(request, '__proto__')).toBeUndefined()
    expect(eventCapabilities.headerOf({}, 'idempotency-key')).toBeUndefined()
  })
})
