import { type AppSyncRequest, appSync, lambda, resolvers } from '@tsumiki/core'
import { events } from '@tsumiki/testing'
import { describe, expect, it } from 'vitest'
import * as z from 'zod'
import { validate } from '../../src/index.js'
import { createContext } from '../support/context.js'

const context = createContext()

const GetPost = z.object({ id: z.string().min(1) })
const Author = z.object({ authorId: z.string().regex(/^a-\d+$/) })

const handler = lambda(appSync()).handle(
  resolvers()
    .field('Query.getPost', (route) =>
      route.use(validate({ body: GetPost })).handle(({ input }) => ({ id: input.body.id })),
    )
    .field('Post.author', (route) =>
      route
        .use(validate({ body: Author }))
        .handle((request: AppSyncRequest & { input: { body: { authorId: string } } }) => ({
          id: request.input.body.authorId,
        })),
    ),
)

describe('validate() on appSync() arguments (body)', () => {
  it('hands the field its checked arguments', async () => {
    await expect(
      handler(events.appSync({ field: 'Query.getPost', arguments: { id: 'p-1' } }), context),
    ).resolves.toEqual({ id: 'p-1' })
  })

  it('answers arguments that fail their schema as AppSync’s error: type validation, the issues in errorInfo', async () => {
    const error = await handler(
      events.appSync({ field: 'Query.getPost', arguments: { id: '' } }),
      context,
    ).then(
      () => undefined,
      (thrown: unknown) => thrown,
    )
    expect(error).toMatchObject({ name: 'validation', errorType: 'validation' })
    expect((error as Error).message).toMatch(/^body failed validation: body\.id: /)
  })

  it('fails only the batch items whose arguments fail, each in AppSync’s error shape, in order', async () => {
    const event = events.appSyncBatch(
      [
        { arguments: { authorId: 'a-1' } },
        { arguments: { authorId: 'nobody' } },
        { arguments: { authorId: 'a-3' } },
      ],
      'Post.author',
    )
    await expect(handler(event, context)).resolves.toEqual([
      { data: { id: 'a-1' } },
      {
        data: null,
        errorType: 'validation',
        errorMessage: expect.stringMatching(/^body failed validation: body\.authorId: /),
        errorInfo: { issues: [{ path: 'body.authorId', message: expect.any(String) }] },
      },
      { data: { id: 'a-3' } },
    ])
  })
})
