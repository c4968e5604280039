import { InvalidEventError } from '../../errors/invalid-event-error.js'
import { matching } from '../../options/option-rules.js'
import { type KeyedChains, runKeyed, withRoute } from '../../router/keyed-routes.js'
import type { Route, RouteBuilder } from '../../router/route-builder.js'
import type { AppSyncRequest } from './appsync-request.js'

/** `Type.field`, as the GraphQL schema names it: `Query.getPost`, `Post.author`. */
export type FieldName = `${string}.${string}`

/** What a field's chain receives: the request with `field`, `typeName` and `fieldName` narrowed to that field. */
export type FieldRequest<TRequest, TField extends FieldName> = Omit<
  TRequest,
  'field' | 'typeName' | 'fieldName'
> & {
  readonly field: TField
  readonly typeName: TField extends `${infer TType}.${string}` ? TType : string
  readonly fieldName: TField extends `${string}.${infer TName}` ? TName : string
}

/** Declares a field's chain: `(route) => route.use(validate({ body: Args })).handle(fn)`. */
export type FieldDeclaration<TRequest, TField extends FieldName> = (
  route: RouteBuilder<FieldRequest<TRequest, TField>>,
) => Route

/**
 * Routes the fields of an `appSync()` chain to per-field chains, as `router()` routes HTTP paths; it is the chain's
 * handler itself: `lambda(appSync()).use(logger()).handle(resolvers().field('Query.getPost', (route) => ...))`.
 * Immutable: `field()` returns a new one. A field with no resolver fails as `InvalidEventError` (a field wired to
 * the wrong function), which the client sees as `InternalFailure`.
 */
export interface Resolvers<TRequest extends AppSyncRequest<unknown, unknown>> {
  (request: TRequest): unknown
  field<TField extends FieldName>(
    field: TField,
    declare: FieldDeclaration<TRequest, TField>,
  ): Resolvers<TRequest>
}

const fieldPattern = /^[_A-Za-z][_0-9A-Za-z]*\.[_A-Za-z][_0-9A-Za-z]*$/

export function resolvers<
  TRequest extends AppSyncRequest<unknown, unknown> = AppSyncRequest,
>(): Resolvers<TRequest> {
  return resolversOf<TRequest>(new Map())
}

function resolversOf<TRequest extends AppSyncRequest<unknown, unknown>>(
  chains: KeyedChains,
): Resolvers<TRequest> {
  const dispatch = (request: TRequest): unknown =>
    runKeyed(chains, request.field, request, () => {
      throw new InvalidEventError('appsync', `no resolver for ${request.field}`)
    })
  return Object.assign(dispatch, {
    field<TField extends FieldName>(field: TField, declare: FieldDeclaration<TRequest, TField>) {
      return resolversOf<TRequest>(
        withRoute('resolvers().field()', chains, field, matching(fieldPattern), declare as never),
      )
    },
  })
}
