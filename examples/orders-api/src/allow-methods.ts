import { HttpError, type HttpRequest, type Middleware, middleware } from '@tsumiki/core'

/** A middleware of your own: answers 405 before any other work when the method is not one of these. */
export function allowMethods(...methods: string[]): Middleware<Pick<HttpRequest, 'method'>> {
  const allowed = new Set(methods)
  const allowHeader = methods.join(', ')
  return middleware<Pick<HttpRequest, 'method'>>({
    name: 'allow-methods',
    handle(request, next) {
      if (!allowed.has(request.method)) {
        throw new HttpError(405, `Use ${allowHeader} on this resource`, { headers: { allow: allowHeader } })
      }
      return next()
    },
  })
}
