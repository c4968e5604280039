import { InvalidEventError } from '../../errors/invalid-event-error.js'
import { nonEmptyString } from '../../options/option-rules.js'
import { type KeyedChains, runKeyed, withRoute } from '../../router/keyed-routes.js'
import type { Route, RouteBuilder } from '../../router/route-builder.js'
import type { EventTypeOf, WebSocketRequest } from './websocket-request.js'

/** What a route's chain receives: the request with `routeKey` and `eventType` narrowed to that route. */
export type RouteKeyRequest<TRequest, TRouteKey extends string> = Omit<TRequest, 'routeKey' | 'eventType'> & {
  readonly routeKey: TRouteKey
  readonly eventType: EventTypeOf<TRouteKey>
}

export type RouteKeyDeclaration<TRequest, TRouteKey extends string> = (
  route: RouteBuilder<RouteKeyRequest<TRequest, TRouteKey>>,
) => Route

/**
 * Routes the events of a `webSocket()` chain by route key (`$connect`, `$disconnect`, `$default`, `sendMessage`...)
 * to chains of their own, as `router()` routes paths; it is the chain's handler itself. Immutable: `route()` returns
 * a new one. A route key without a route fails as `InvalidEventError` (a route wired to the wrong function): a 500.
 */
export interface WebSocketRoutes<TRequest extends WebSocketRequest> {
  (request: TRequest): unknown
  route<TRouteKey extends string>(
    routeKey: TRouteKey,
    declare: RouteKeyDeclaration<TRequest, TRouteKey>,
  ): WebSocketRoutes<TRequest>
}

export function webSocketRoutes<
  TRequest extends WebSocketRequest = WebSocketRequest,
>(): WebSocketRoutes<TRequest> {
  return routesOf<TRequest>(new Map())
}

function routesOf<TRequest extends WebSocketRequest>(chains: KeyedChains): WebSocketRoutes<TRequest> {
  const dispatch = (request: TRequest): unknown =>
    runKeyed(chains, request.routeKey, request, () => {
      throw new InvalidEventError('websocket', `no route for ${request.routeKey}`)
    })
  return Object.assign(dispatch, {
    route<TRouteKey extends string>(routeKey: TRouteKey, declare: RouteKeyDeclaration<TRequest, TRouteKey>) {
      return routesOf<TRequest>(
        withRoute('webSocketRoutes().route()', chains, routeKey, nonEmptyString, declare as never),
      )
    },
  })
}
