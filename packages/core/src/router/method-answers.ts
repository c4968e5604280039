import { isHttpReply, reply } from '../adapters/http/reply.js'
import { HttpError } from '../errors/http-error.js'

const jsonContentType = 'application/json; charset=utf-8'

/**
 * A HEAD request served by a GET route: the GET answer's status and headers, without its body. A plain value
 * keeps the content type it would have been sent with.
 */
export function withoutBody(result: unknown): unknown {
  if (result === undefined) return undefined
  if (isHttpReply(result))
    return reply({ status: result.status, headers: result.headers, cookies: result.cookies })
  return reply({ status: 200, headers: { 'content-type': jsonContentType } })
}

/** The methods to put in `Allow`: those of the routes, HEAD where GET is served, and OPTIONS, which always is. */
function allowHeader(methods: ReadonlySet<string>): string {
  const allowed = new Set(methods)
  if (allowed.has('GET')) allowed.add('HEAD')
  allowed.add('OPTIONS')
  return [...allowed].sort().join(', ')
}

/** OPTIONS on a path with routes and no OPTIONS route of its own (a CORS preflight is answered before this). */
export function optionsAnswer(methods: ReadonlySet<string>): unknown {
  return reply({ status: 204, headers: { allow: allowHeader(methods) } })
}

export function methodNotAllowed(method: string, methods: ReadonlySet<string>): HttpError {
  return new HttpError(405, `Method ${method} is not allowed here`, {
    headers: { allow: allowHeader(methods) },
    details: { method, allowed: allowHeader(methods).split(', ') },
  })
}

export function routeNotFound(method: string, path: string): HttpError {
  return new HttpError(404, `No route for ${method} ${path}`)
}
