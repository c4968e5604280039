import type { AppSyncResolverEvent } from 'aws-lambda'

type AppSyncEvent = AppSyncResolverEvent<Record<string, unknown>, Record<string, unknown> | null>

/** A direct Lambda resolver event as AWS's sample has it (Cognito user pool identity), for `Type.field`. */
export function appSyncEvent(field: string, overrides: Partial<AppSyncEvent> = {}): AppSyncEvent {
  const [parentTypeName = '', fieldName = ''] = field.split('.')
  return {
    arguments: {},
    identity: {
      claims: { sub: '192879fc-a240-4bf1-ab5a-d6a00f3063f9', 'cognito:username': 'jdoe' },
      defaultAuthStrategy: 'ALLOW',
      groups: null,
      issuer: 'https://cognito-idp.us-west-2.amazonaws.com/us-west-2_EXAMPLE',
      sourceIp: ['203.0.113.10'],
      sub: '192879fc-a240-4bf1-ab5a-d6a00f3063f9',
      username: 'jdoe',
    },
    source: null,
    request: {
      headers: {
        'content-type': 'application/json',
        host: 'abcdefghijklmnopqrstuvwxyz.appsync-api.us-west-2.amazonaws.com',
        'x-amzn-requestid': '5b1e6a4c-0f3b-4d6e-9c39-7a2b0d1e8f00',
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
    ...overrides,
  }
}
