import type { HttpRequest } from '../adapters/http/http-request.js'
import { isPromiseLike } from '../engine/is-promise-like.js'
import { setOwn } from '../engine/set-own.js'
import { emitSignal } from '../signals/signals.js'
import { dotSegmentError, leavesItsDirectory } from './dot-segments.js'
import { answerError, type ErrorMapping } from './error-mapping.js'
import { methodNotAllowed, optionsAnswer, routeNotFound, withoutBody } from './method-answers.js'
import type { PathSegment } from './path-template.js'
import { requestSegments } from './request-path.js'
import type { RouteChain } from './route-builder.js'
import { RouteTrie } from './route-trie.js'
import type { RouterDefinition } from './router-definition.js'

/** A route as the trie holds it: its chain and the error mappings that apply to it. */
export interface CompiledRoute {
  readonly chain: RouteChain
  readonly mappings: readonly ErrorMapping[]
}

/** Every route of the router and of the routers mounted in it, in one trie. */
export function compile(definition: RouterDefinition): RouteTrie<CompiledRoute> {
  const trie = new RouteTrie<CompiledRoute>()
  const addAll = (
    current: RouterDefinition,
    prefix: readonly PathSegment[],
    outer: readonly ErrorMapping[],
  ) => {
    const mappings = [...current.mappings, ...outer]
    for (const route of current.routes) {
      trie.insert([...prefix, ...route.segments], route.method, { chain: route.chain, mappings })
    }
    for (const mount of current.mounts) addAll(mount.routes, [...prefix, ...mount.prefix], mappings)
  }
  addAll(definition, [], [])
  return trie
}

// The methods tried at each node of the trie, in order: the request's own, GET for HEAD, then ANY. One expression
// marked pure (Map#set returns the map), so a bundle that never routes drops it.
const methodsToTry: ReadonlyMap<string, readonly string[]> = /* @__PURE__ */ new Map(
  ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'].map((method) => [method, [method, 'ANY']]),
).set('HEAD', ['HEAD', 'GET', 'ANY'])

export function dispatch(
  trie: RouteTrie<CompiledRoute>,
  definition: RouterDefinition,
  request: HttpRequest,
): unknown {
  const segments = requestSegments(request, definition.basePath)
  const method = request.method
  const paramValues: string[] = []
  const entry = trie.find(segments, methodsToTry.get(method) ?? [method, 'ANY'], paramValues)
  if (entry === undefined) return unmatched(trie, definition, request, segments)
  const { chain, mappings } = entry.route
  if (entry.greedy && leavesItsDirectory(paramValues[paramValues.length - 1] as string)) {
    return answerError(
      mappings,
      dotSegmentError(entry.paramNames[entry.paramNames.length - 1] as string),
      request,
    )
  }
  setPathParams(request, entry.paramNames, paramValues)
  emitSignal(request, 'http.route', { route: entry.template, method: entry.method })
  const headByGet = method === 'HEAD' && entry.method !== 'HEAD'
  let result: unknown
  try {
    result = chain(request)
  } catch (error) {
    result = answerError(mappings, error, request)
  }
  if (isPromiseLike(result)) {
    const answered =
      mappings.length > 0
        ? result.then(undefined, (error: unknown) => answerError(mappings, error, request))
        : result
    return headByGet ? answered.then(withoutBody) : answered
  }
  return headByGet ? withoutBody(result) : result
}

/** No route has the method on this path: OPTIONS lists the methods, another 405s, and a path no route has 404s. */
function unmatched(
  trie: RouteTrie<CompiledRoute>,
  definition: RouterDefinition,
  request: HttpRequest,
  segments: readonly string[],
): unknown {
  const methods = trie.methodsOn(segments)
  if (methods.size > 0 && request.method === 'OPTIONS') return optionsAnswer(methods)
  const error =
    methods.size > 0 ? methodNotAllowed(request.method, methods) : routeNotFound(request.method, request.path)
  return answerError(definition.mappings, error, request)
}

/**
 * The matched route's parameters become `request.pathParams`, replacing the front door's (which describe the
 * API Gateway route, often a catch-all `{proxy+}`). `http()`'s requests take them through a setter; a request
 * object whose `pathParams` is a getter alone gets them defined on itself.
 */
function setPathParams(request: HttpRequest, names: readonly string[], values: readonly string[]): void {
  const params: Record<string, string> = {}
  for (let index = 0; index < names.length; index++) {
    setOwn(params, names[index] as string, values[index] as string)
  }
  try {
    ;(request as { pathParams: Record<string, string> }).pathParams = params
  } catch {
    Object.defineProperty(request, 'pathParams', {
      value: params,
      writable: true,
      enumerable: true,
      configurable: true,
    })
  }
}
