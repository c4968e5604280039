import { describe, expectTypeOf, it } from 'vitest'
import {
  type AppSyncEvent,
  type AppSyncHandler,
  type AppSyncRequest,
  appSync,
  lambda,
  resolvers,
} from '../../../src/index.js'

describe('appSync() types', () => {
  it('makes a handler of one field’s event or a BatchInvoke list', () => {
    const handler = lambda(appSync<{ id: string }>()).handle((request) => {
      expectTypeOf(request.arguments).toEqualTypeOf<{ id: string }>()
      expectTypeOf(request.body).toEqualTypeOf<{ id: string }>()
      expectTypeOf(request.field).toEqualTypeOf<string>()
      return request.arguments.id
    })
    expectTypeOf(handler).toEqualTypeOf<AppSyncHandler<{ id: string }>>()
    expectTypeOf(handler)
      .parameter(0)
      .toEqualTypeOf<AppSyncEvent<{ id: string }> | AppSyncEvent<{ id: string }>[]>()
  })

  it('narrows a field’s request to its type and field name', () => {
    resolvers().field('Query.getPost', (route) =>
      route.handle((request) => {
        expectTypeOf(request.field).toEqualTypeOf<'Query.getPost'>()
        expectTypeOf(request.typeName).toEqualTypeOf<'Query'>()
        expectTypeOf(request.fieldName).toEqualTypeOf<'getPost'>()
        expectTypeOf(request).toMatchTypeOf<Omit<AppSyncRequest, 'field' | 'typeName' | 'fieldName'>>()
        return null
      }),
    )
  })

  it('refuses a field that is not Type.field', () => {
    // @ts-expect-error: a field is named `Type.field`
    resolvers().field('getPost', (route) => route.handle(() => null))
  })
})
