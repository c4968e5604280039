import type { HttpVariant } from './http-request.js'
import { isRecord } from './read-query.js'

/** A principal's kind, then the ids that name it within that kind. */
type Principal = readonly [kind: string, ...ids: string[]]

/**
 * The principal the front door authenticated, as `callerOf` answers it: a JSON array of its kind and ids, so that no
 * two principals (whatever characters their ids hold) give the same string. The first of these the event carries,
 * most specific first:
 *
 * | | API Gateway REST (v1) | HTTP API (v2), Function URL |
 * |---|---|---|
 * | JWT / Cognito user pool | `authorizer.claims` `iss` + `sub` | `authorizer.jwt.claims` `iss` + `sub` |
 * | Lambda authorizer | `authorizer.principalId` | `authorizer.principalId`, else the whole `authorizer.lambda` context |
 * | Cognito identity pool (IAM) | `identity.cognitoIdentityId` | `authorizer.iam.cognitoIdentity.identityId` |
 * | IAM | `identity.userArn`, else `identity.caller` | `authorizer.iam.userArn`, else `callerId` |
 *
 * A Cognito identity comes before the IAM ARN: all of a pool's users share the pool's role, hence its ARN. ALB
 * events carry no principal (its `x-amzn-oidc-*` headers are a client's own where no listener rule authenticates).
 */
export function readCaller(event: unknown, variant: HttpVariant): string | undefined {
  if (variant === 'alb' || !isRecord(event) || !isRecord(event.requestContext)) return undefined
  const principal =
    variant === 'apiGatewayV1' ? principalV1(event.requestContext) : principalV2(event.requestContext)
  return principal === undefined ? undefined : JSON.stringify(principal)
}

function principalV1(requestContext: Record<string, unknown>): Principal | undefined {
  const authorizer = recordOrUndefined(requestContext.authorizer)
  const identity = recordOrUndefined(requestContext.identity)
  const principalId = idOf(authorizer?.principalId)
  const cognitoIdentityId = idOf(identity?.cognitoIdentityId)
  const userArn = idOf(identity?.userArn)
  const caller = idOf(identity?.caller)
  return (
    jwtPrincipal(authorizer?.claims) ??
    (principalId === undefined ? undefined : ['lambda', principalId]) ??
    (cognitoIdentityId === undefined ? undefined : ['cognito-identity', cognitoIdentityId]) ??
    (userArn === undefined ? undefined : ['iam', userArn]) ??
    (caller === undefined ? undefined : ['iam-caller', caller])
  )
}

function principalV2(requestContext: Record<string, unknown>): Principal | undefined {
  const authorizer = recordOrUndefined(requestContext.authorizer)
  if (authorizer === undefined) return undefined
  const iam = recordOrUndefined(authorizer.iam)
  const cognitoIdentityId = idOf(recordOrUndefined(iam?.cognitoIdentity)?.identityId)
  const userArn = idOf(iam?.userArn)
  const callerId = idOf(iam?.callerId)
  const principalId = idOf(authorizer.principalId)
  return (
    jwtPrincipal(recordOrUndefined(authorizer.jwt)?.claims) ??
    (cognitoIdentityId === undefined ? undefined : ['cognito-identity', cognitoIdentityId]) ??
    (userArn === undefined ? undefined : ['iam', userArn]) ??
    (callerId === undefined ? undefined : ['iam-caller', callerId]) ??
    (principalId === undefined ? undefined : ['lambda', principalId]) ??
    lambdaContextPrincipal(authorizer.lambda)
  )
}

/** `sub` is unique only within its issuer, so the issuer is part of the principal. */
function jwtPrincipal(claims: unknown): Principal | undefined {
  if (!isRecord(claims)) return undefined
  const sub = idOf(claims.sub)
  return sub === undefined ? undefined : ['jwt', idOf(claims.iss) ?? '', sub]
}

/**
 * An HTTP API Lambda authorizer hands the function only the `context` it returned, no principal: that context,
 * its keys sorted, is what tells its callers apart. Empty or absent (`lambda: null`), it tells none apart.
 */
function lambdaContextPrincipal(context: unknown): Principal | undefined {
  if (!isRecord(context)) return undefined
  const names = Object.keys(context).sort()
  if (names.length === 0) return undefined
  return ['lambda-context', JSON.stringify(names.map((name) => [name, context[name]]))]
}

function recordOrUndefined(value: unknown): Record<string, unknown> | undefined {
  return isRecord(value) ? value : undefined
}

/** A non-empty string; API Gateway writes `null` (and sometimes `""`) where the request had no such identity. */
function idOf(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined
}
