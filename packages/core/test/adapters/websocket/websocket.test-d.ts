import { describe, expectTypeOf, it } from 'vitest'
import { lambda, type WebSocketHandler, webSocket, webSocketRoutes } from '../../../src/index.js'

describe('webSocket() types', () => {
  it('makes a named handler type', () => {
    expectTypeOf(lambda(webSocket()).handle(() => undefined)).toEqualTypeOf<WebSocketHandler>()
  })

  it('narrows a route’s route key and event type', () => {
    webSocketRoutes()
      .route('$connect', (route) =>
        route.handle((request) => {
          expectTypeOf(request.routeKey).toEqualTypeOf<'$connect'>()
          expectTypeOf(request.eventType).toEqualTypeOf<'CONNECT'>()
          return undefined
        }),
      )
      .route('sendMessage', (route) =>
        route.handle((request) => {
          expectTypeOf(request.eventType).toEqualTypeOf<'MESSAGE'>()
          expectTypeOf(request.body).toEqualTypeOf<string | undefined>()
          return undefined
        }),
      )
  })
})
