/**
 * The route template the front door matched, when it names one: API Gateway HTTP APIs' `routeKey`
 * (`GET /orders/{id}`), REST APIs' `resource` (`/orders/{id}`). A catch-all (`$default`, `/{proxy+}`) names none: the
 * router's `http.route` signal gives the template then.
 */
export function frontDoorRoute(event: unknown): string | undefined {
  if (typeof event !== 'object' || event === null) return undefined
  const { routeKey, resource } = event as { readonly routeKey?: unknown; readonly resource?: unknown }
  const route =
    typeof routeKey === 'string'
      ? routeKey.slice(routeKey.indexOf(' ') + 1)
      : typeof resource === 'string'
        ? resource
        : undefined
  return route === undefined || !route.startsWith('/') || route.includes('+}') ? undefined : route
}

/** `GET /orders/{id}` with a template; `GET` alone without one, never the path (it would make a name per id). */
export function httpSpanName(method: string, route: string | undefined): string {
  return route === undefined ? method : `${method} ${route}`
}
