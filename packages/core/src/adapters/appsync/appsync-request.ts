import type { AppSyncIdentity, AppSyncResolverEvent } from 'aws-lambda'
import type { Invocation } from '../../engine/invocation.js'
import { type InvocationRequest, RequestBase, type RequestCapabilities } from '../../engine/request.js'
import { setOwn } from '../../engine/set-own.js'
import { InvalidEventError } from '../../errors/invalid-event-error.js'
import { correlationIdOf } from '../../records/correlation-id.js'
import { isRecord } from '../http/read-query.js'

/** What AppSync sends a direct Lambda resolver for one field: `Invoke` (one) or `BatchInvoke` (a list of them). */
export type AppSyncEvent<
  TArguments = Record<string, unknown>,
  TSource = Record<string, unknown> | null,
> = AppSyncResolverEvent<TArguments, TSource>

/**
 * One field to resolve. `body` is its `arguments`, so `validate({ body: Args })` checks them as it checks any body;
 * `field` is `Type.field`, what `resolvers()` routes on.
 */
export interface AppSyncRequest<
  TArguments = Record<string, unknown>,
  TSource = Record<string, unknown> | null,
> extends InvocationRequest<AppSyncEvent<TArguments, TSource> | AppSyncEvent<TArguments, TSource>[]> {
  readonly kind: 'appsync'
  /** `Type.field`, e.g. `Query.getPost`. */
  readonly field: string
  readonly typeName: string
  readonly fieldName: string
  readonly arguments: TArguments
  /** The arguments again, for body validation. */
  readonly body: TArguments
  /** The parent object of a nested field (`Post.author`'s post); null for a root field. */
  readonly source: TSource
  readonly identity: AppSyncIdentity
  /** The client's request headers, names in lower case. */
  readonly headers: Readonly<Record<string, string>>
  readonly domainName: string | null
  readonly info: AppSyncEvent<TArguments, TSource>['info']
  readonly stash: Readonly<Record<string, unknown>>
  /** The previous function's result in a pipeline resolver; undefined elsewhere. */
  readonly prevResult: unknown
  /** The field's event (the item of a batch). */
  readonly item: AppSyncEvent<TArguments, TSource>
  /** Its place in a `BatchInvoke` list; undefined for `Invoke`. */
  readonly batchIndex: number | undefined
}

/**
 * AppSync answers a client: a thrown 4xx `HttpError` (an `AppSyncError`, a failed `validate()`) is an answer in
 * AppSync's error shape. Idempotency keys on an `Idempotency-Key` header (AppSync events carry no id of their own)
 * and compares the field, its arguments and its parent.
 */
const appSyncCapabilities: RequestCapabilities = {
  answersWithStatus: true,
  bodyContentType: () => undefined,
  headerOf: (request, name) => (request as AppSyncRequest).headers[name.toLowerCase()],
  callerOf: (request) => readIdentity((request as AppSyncRequest).identity),
  fingerprintOf: (request) => {
    const { field, arguments: args, source } = request as AppSyncRequest
    return JSON.stringify([field, args, source])
  },
}

export class AppSyncRequestObject<TArguments, TSource>
  extends RequestBase<AppSyncEvent<TArguments, TSource> | AppSyncEvent<TArguments, TSource>[]>
  implements AppSyncRequest<TArguments, TSource>
{
  declare readonly kind: 'appsync'
  readonly field: string
  readonly typeName: string
  readonly fieldName: string
  readonly arguments: TArguments
  readonly body: TArguments
  readonly source: TSource
  readonly identity: AppSyncIdentity
  readonly headers: Readonly<Record<string, string>>
  readonly domainName: string | null
  readonly info: AppSyncEvent<TArguments, TSource>['info']
  readonly stash: Readonly<Record<string, unknown>>
  readonly prevResult: unknown
  readonly item: AppSyncEvent<TArguments, TSource>
  readonly batchIndex: number | undefined

  constructor(
    invocation: Invocation,
    event: AppSyncEvent<TArguments, TSource> | AppSyncEvent<TArguments, TSource>[],
    item: AppSyncEvent<TArguments, TSource>,
    batchIndex: number | undefined,
  ) {
    const info = readInfo(item)
    const field = `${info.parentTypeName}.${info.fieldName}`
    const request: Record<string, unknown> = isRecord(item.request) ? item.request : {}
    const headers = readHeaders(request.headers)
    const recordId = batchIndex === undefined ? undefined : `${field}[${batchIndex}]`
    super(
      invocation,
      'appsync',
      event,
      correlationIdOf(headers) ?? headers['x-amzn-requestid'],
      undefined,
      recordId,
    )
    const args = item.arguments ?? ({} as TArguments)
    if (!isRecord(args)) throw new InvalidEventError('appsync', `${field}'s arguments are not an object`)
    this.field = field
    this.typeName = info.parentTypeName
    this.fieldName = info.fieldName
    this.arguments = args
    this.body = args
    this.source = item.source ?? (null as TSource)
    this.identity = isRecord(item.identity) ? item.identity : null
    this.headers = headers
    this.domainName = typeof request.domainName === 'string' ? request.domainName : null
    this.info = info
    this.stash = isRecord(item.stash) ? item.stash : {}
    this.prevResult = isRecord(item.prev) ? item.prev.result : undefined
    this.item = item
    this.batchIndex = batchIndex
  }

  override get capabilities(): RequestCapabilities {
    return appSyncCapabilities
  }
}

function readInfo<TArguments, TSource>(
  item: AppSyncEvent<TArguments, TSource>,
): AppSyncEvent<TArguments, TSource>['info'] {
  const info: unknown = isRecord(item) ? item.info : undefined
  if (!isRecord(info) || typeof info.parentTypeName !== 'string' || typeof info.fieldName !== 'string') {
    throw new InvalidEventError('appsync', 'it has no info.parentTypeName and info.fieldName')
  }
  return info as AppSyncEvent<TArguments, TSource>['info']
}

function readHeaders(headers: unknown): Record<string, string> {
  const read: Record<string, string> = {}
  if (!isRecord(headers)) return read
  for (const [name, value] of Object.entries(headers)) {
    // A header named `__proto__` is data: setOwn keeps it off the prototype.
    if (typeof value === 'string') setOwn(read, name.toLowerCase(), value)
  }
  return read
}

/** As HTTP's `callerOf`: a JSON array of the principal's kind and ids, most specific first. */
function readIdentity(identity: AppSyncIdentity): string | undefined {
  if (!isRecord(identity)) return undefined
  const { sub, issuer, userArn } = identity as Record<string, unknown>
  if (typeof sub === 'string' && typeof issuer === 'string') return JSON.stringify(['jwt', issuer, sub])
  const { cognitoIdentityId } = identity as Record<string, unknown>
  if (typeof cognitoIdentityId === 'string' && cognitoIdentityId !== '') {
    return JSON.stringify(['cognito-identity', cognitoIdentityId])
  }
  if (typeof userArn === 'string' && userArn !== '') return JSON.stringify(['iam', userArn])
  return undefined
}
