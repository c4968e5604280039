import type { HttpRequest } from '../adapters/http/http-request.js'

/**
 * The path a router matches, as segments, percent-decoded once. It is the path the client asked for, whichever
 * front door delivered it: REST API `path`, HTTP API and Function URL `rawPath`, ALB `path` (all the same
 * `request.path`). Without the base path a custom domain maps (`basePath` option), and without the stage an HTTP
 * API puts first in `rawPath` when it is not `$default`. One trailing slash is ignored: `/orders/` is `/orders`.
 *
 * REST APIs, Function URLs and ALB deliver the path as the client encoded it; an HTTP API delivers `rawPath`
 * already decoded (as captured from live APIs, see middleapi/standard-server#93), so its segments are not
 * decoded again: `%2520` from a client is `%20` in a parameter, whichever the front door. A segment that is not
 * valid percent-encoding (`%zz`) is kept as sent rather than refused: it can still match a parameter, and the
 * handler decides.
 */
export function requestSegments(request: HttpRequest, basePath: string): string[] {
  let path = request.path
  const decoded = request.variant === 'apiGatewayV2'
  if (decoded) path = withoutStage(path, request.event)
  if (basePath !== '' && hasPrefix(path, basePath)) path = path.slice(basePath.length)
  if (path === '' || path === '/') return []
  const start = path.charCodeAt(0) === slash ? 1 : 0
  const end = path.length > 1 && path.charCodeAt(path.length - 1) === slash ? path.length - 1 : path.length
  // indexOf and substring rather than slice(...).split('/'): no intermediate string, and about half the time.
  const segments: string[] = []
  let from = start
  for (;;) {
    const next = path.indexOf('/', from)
    if (next === -1 || next >= end) {
      segments.push(path.substring(from, end))
      break
    }
    segments.push(path.substring(from, next))
    from = next + 1
  }
  if (!decoded && path.includes('%')) {
    for (let index = 0; index < segments.length; index++) {
      const segment = segments[index] as string
      if (segment.includes('%')) segments[index] = decodeSegment(segment)
    }
  }
  return segments
}

const slash = 47

/** `/v1` is a prefix of `/v1` and `/v1/orders`, not of `/v10/orders`. */
function hasPrefix(path: string, prefix: string): boolean {
  return (
    path.startsWith(prefix) && (path.length === prefix.length || path.charCodeAt(prefix.length) === slash)
  )
}

function withoutStage(path: string, event: unknown): string {
  const stage = (event as { requestContext?: { stage?: unknown } }).requestContext?.stage
  if (typeof stage !== 'string' || stage === '' || stage === '$default') return path
  const prefix = `/${stage}`
  return hasPrefix(path, prefix) ? path.slice(prefix.length) : path
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

/** `basePath` as given (`v1`, `/v1/`) made comparable to a path: `/v1`; `''` for none. */
export function normaliseBasePath(basePath: string): string {
  const trimmed = basePath.replace(/^\/+|\/+$/g, '')
  return trimmed === '' ? '' : `/${trimmed}`
}
