import { describe, expect, it } from 'vitest'
import { events } from '../../src/index.js'

describe('events.appSync', () => {
  it('makes a direct Lambda resolver event as AWS’s sample has it', () => {
    const event = events.appSync()
    expect(event).toMatchObject({
      arguments: {},
      source: null,
      prev: null,
      stash: {},
      request: { domainName: null, headers: { 'content-type': 'application/json' } },
      info: { parentTypeName: 'Query', fieldName: 'getPost', variables: {} },
      identity: { username: 'jdoe', defaultAuthStrategy: 'ALLOW', groups: null },
    })
    expect(event.request.headers.host).toMatch(/^[a-z0-9]{26}\.appsync-api\.us-east-1\.amazonaws\.com$/)
    expect(event.identity).toMatchObject({
      sub: expect.any(String),
      issuer: expect.stringMatching(/^https:\/\/cognito-idp\./),
    })
  })

  it('takes the field as Type.field, typed arguments and source, and any override', () => {
    const event = events.appSync<{ id: string }, { postId: string }>({
      field: 'Post.comments',
      arguments: { id: 'c-1' },
      source: { postId: 'p-1' },
      identity: null,
    })
    expect(event.info).toMatchObject({ parentTypeName: 'Post', fieldName: 'comments' })
    expect(event.arguments.id).toBe('c-1')
    expect(event.source.postId).toBe('p-1')
    expect(event.identity).toBeNull()
  })

  it('makes a BatchInvoke list of one field, one request id, each item its own source', () => {
    const list = events.appSyncBatch([{ source: { id: '1' } }, { source: { id: '2' } }])
    expect(list.map((item) => [item.info.parentTypeName, item.info.fieldName, item.source])).toEqual([
      ['Post', 'author', { id: '1' }],
      ['Post', 'author', { id: '2' }],
    ])
    expect(list[0]?.request.headers['x-amzn-requestid']).toBe(list[1]?.request.headers['x-amzn-requestid'])
  })
})
