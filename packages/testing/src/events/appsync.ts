import { randomUUID } from 'node:crypto'
import type { AppSyncResolverEvent } from 'aws-lambda'
import { defaultRegion } from '../aws-values/aws-defaults.js'
import { randomAlphanumeric } from '../aws-values/random-ids.js'
import { deepMerge } from '../deep-merge/deep-merge.js'
import type { DeepPartial } from '../deep-merge/deep-partial.js'

/** An AppSync resolver event's overrides, plus `field` (`Type.field`) for `info.parentTypeName` and `info.fieldName`. */
export type AppSyncOverrides<
  TArguments = Record<string, unknown>,
  TSource = Record<string, unknown> | null,
> = DeepPartial<AppSyncResolverEvent<TArguments, TSource>> & { readonly field?: `${string}.${string}` }

/**
 * The event AppSync sends a direct Lambda resolver (`Invoke`), as AWS's sample has it: `Query.getPost` unless
 * `field` says otherwise, no arguments, a Cognito user pool identity (`identity: null` for an API key), the
 * client's headers with a fresh `x-amzn-requestid`, no parent (`source: null`) and an empty stash.
 */
export function appSync<TArguments = Record<string, unknown>, TSource = Record<string, unknown> | null>(
  overrides: AppSyncOverrides<TArguments, TSource> = {},
): AppSyncResolverEvent<TArguments, TSource> {
  const { field = 'Query.getPost', ...eventOverrides } = overrides
  const [parentTypeName = '', fieldName = ''] = field.split('.')
  const apiId = randomAlphanumeric(26, 'lower')
  const sub = randomUUID()
  const issuer = `https://cognito-idp.${defaultRegion}.amazonaws.com/${defaultRegion}_${randomAlphanumeric(9)}`
  const defaults: AppSyncResolverEvent<Record<string, unknown>, Record<string, unknown> | null> = {
    arguments: {},
    identity: {
      claims: {
        sub,
        iss: issuer,
        'cognito:username': 'jdoe',
        aud: randomAlphanumeric(26, 'lower'),
        token_use: 'id',
        auth_time: 1_700_000_000,
        exp: 1_700_003_600,
        iat: 1_700_000_000,
      },
      defaultAuthStrategy: 'ALLOW',
      groups: null,
      issuer,
      sourceIp: ['203.0.113.10'],
      sub,
      username: 'jdoe',
    },
    source: null,
    request: {
      headers: {
        accept: '*/*',
        'accept-encoding': 'gzip, deflate, br',
        'content-type': 'application/json',
        host: `${apiId}.appsync-api.${defaultRegion}.amazonaws.com`,
        'user-agent': 'Mozilla/5.0',
        'x-forwarded-for': '203.0.113.10, 198.51.100.7',
        'x-forwarded-proto': 'https',
        'x-amzn-requestid': randomUUID(),
      },
      domainName: null,
    },
    prev: null,
    info: {
      selectionSetList: ['id', 'title'],
      selectionSetGraphQL: '{\n  id\n  title\n}',
      parentTypeName,
      fieldName,
      variables: {},
    },
    stash: {},
  }
  // The defaults cannot know the caller's argument and source types; the caller states them in the overrides.
  return deepMerge(
    defaults as unknown as AppSyncResolverEvent<TArguments, TSource>,
    eventOverrides as DeepPartial<AppSyncResolverEvent<TArguments, TSource>>,
  )
}

/**
 * The list AppSync sends a direct Lambda resolver with batching (`BatchInvoke`): one `appSync()` event per item,
 * all of one field (`Post.author` unless `field` says otherwise) and one request's headers, each with its own
 * `source` and arguments.
 */
export function appSyncBatch<TArguments = Record<string, unknown>, TSource = Record<string, unknown> | null>(
  items: readonly AppSyncOverrides<TArguments, TSource>[],
  field: `${string}.${string}` = 'Post.author',
): AppSyncResolverEvent<TArguments, TSource>[] {
  const requestId = randomUUID()
  return items.map((item) =>
    appSync<TArguments, TSource>({
      field,
      request: { headers: { 'x-amzn-requestid': requestId } },
      ...item,
    } as AppSyncOverrides<TArguments, TSource>),
  )
}
