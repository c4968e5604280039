import type { HttpRequest } from '../adapters/http/http-request.js'
import type { AnyLambdaHandler } from '../engine/adapter.js'
import type { LambdaBuilder } from '../engine/lambda.js'
import { InvalidOptionError } from '../errors/invalid-option-error.js'
import { checkOption, checkOptions } from '../options/check-options.js'
import { aFunction, aString, oneOf, required } from '../options/option-rules.js'
import { type CompiledRoute, compile, dispatch } from './dispatch.js'
import type { ErrorAnswer, ErrorClass } from './error-mapping.js'
import { type CheckTemplate, type PathParamsOf, parseTemplate } from './path-template.js'
import { normaliseBasePath } from './request-path.js'
import { type Route, type RouteBuilder, routeBuilder, routeChainOf } from './route-builder.js'
import type { RouteTrie } from './route-trie.js'
import type { RouterDefinition } from './router-definition.js'

/** The methods a route can be declared for; `ANY` serves every method a more specific route does not. */
export type RouteMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS' | 'ANY'

/**
 * What a route's chain receives: the router's request with `pathParams` narrowed to the route's template, so a
 * parameter the template does not declare does not compile. Still a subtype of the request (an object of string
 * fields is a `Record<string, string>`): middlewares typed on `HttpRequest` work on every route.
 */
export type RouteRequest<TRequest, Template extends string> = Omit<TRequest, 'pathParams'> & {
  readonly pathParams: PathParamsOf<Template>
}

/** Declares a route's chain: `(route) => route.use(mw).handle(fn)`. */
export type RouteDeclaration<TRequest, Template extends string> = (
  route: RouteBuilder<RouteRequest<TRequest, Template>>,
) => Route

/**
 * A chain builder whose requests are HTTP requests (`lambda(http()).use(...)`): what `router<typeof base>()`
 * accepts. Only its `handle()` is looked at, so any chain of HTTP requests fits, whatever its middlewares added.
 */
export interface HttpChainBuilder {
  handle(handler: (request: HttpRequest) => never): unknown
}

/** The request type of a chain: `router<typeof base>()` reads it from the builder's `handle()`. */
export type RequestOf<TBase> =
  TBase extends LambdaBuilder<infer TRequest, AnyLambdaHandler, infer _Output> ? TRequest : TBase

export interface RouterOptions {
  /**
   * A prefix every path starts with that routes do not spell: the base path a custom domain maps to the API
   * (`/v1`). Paths without it are matched as they are. An HTTP API stage other than `$default` is stripped
   * without being named here.
   */
  readonly basePath?: string | undefined
}

/**
 * Routes requests of an `http()` chain to per-route chains; it is the chain's handler itself:
 * `lambda(http()).use(logger()).handle(router<...>().get('/orders/{id}', (route) => route.handle(...)))`.
 * Immutable: every method returns a new router, so a group of routes can be mounted in several routers.
 */
export interface Router<TRequest extends HttpRequest> {
  (request: TRequest): unknown
  get<Template extends string>(
    template: CheckTemplate<Template>,
    declare: RouteDeclaration<TRequest, Template>,
  ): Router<TRequest>
  post<Template extends string>(
    template: CheckTemplate<Template>,
    declare: RouteDeclaration<TRequest, Template>,
  ): Router<TRequest>
  put<Template extends string>(
    template: CheckTemplate<Template>,
    declare: RouteDeclaration<TRequest, Template>,
  ): Router<TRequest>
  patch<Template extends string>(
    template: CheckTemplate<Template>,
    declare: RouteDeclaration<TRequest, Template>,
  ): Router<TRequest>
  delete<Template extends string>(
    template: CheckTemplate<Template>,
    declare: RouteDeclaration<TRequest, Template>,
  ): Router<TRequest>
  /** A route for one or several methods; `ANY` for every method no more specific route serves. */
  on<Template extends string>(
    methods: RouteMethod | readonly RouteMethod[],
    template: CheckTemplate<Template>,
    declare: RouteDeclaration<TRequest, Template>,
  ): Router<TRequest>
  /**
   * Serves another router's routes under `prefix` (static segments only, e.g. `/admin`). Its `onError()`
   * mappings apply to its routes first, then this router's.
   */
  mount(prefix: string, routes: MountableRoutes<TRequest>): Router<TRequest>
  /**
   * Answers errors of a class thrown by any route of this router (or by its own 404/405): the first mapping
   * whose class matches, in the order declared. Unmapped errors go on to the chain's middlewares.
   */
  onError<TError>(errorClass: ErrorClass<TError>, answer: ErrorAnswer<TError, TRequest>): Router<TRequest>
  readonly [routerDefinitionKey]: RouterDefinition
}

/**
 * A router as `mount()` takes it: one whose routes need no more of the request than this router's have (a
 * `router()` typed on `HttpRequest` mounts anywhere).
 */
export interface MountableRoutes<TRequest> {
  (request: TRequest): unknown
  readonly [routerDefinitionKey]: RouterDefinition
}

const routerDefinitionKey: unique symbol = Symbol('tsumiki.router') as never

/**
 * Starts a router for the requests of a chain: `router<typeof base>()` (where `base` is `lambda(http()).use(…)`),
 * `router<HttpRequest & { log: Log }>()`, or `router()` for any HTTP chain.
 */
export function router<TBase extends HttpRequest | HttpChainBuilder = HttpRequest>(
  options: RouterOptions = {},
): Router<Extract<RequestOf<TBase>, HttpRequest>> {
  checkOptions<RouterOptions>('router()', options, { basePath: aString })
  return makeRouter({
    basePath: normaliseBasePath(options.basePath ?? ''),
    routes: [],
    mounts: [],
    mappings: [],
  })
}

function makeRouter<TRequest extends HttpRequest>(definition: RouterDefinition): Router<TRequest> {
  let compiled: RouteTrie<CompiledRoute> | undefined

  function router(request: TRequest): unknown {
    compiled ??= compile(definition)
    return dispatch(compiled, definition, request)
  }

  const add = (
    where: string,
    methods: readonly string[],
    template: string,
    declare: unknown,
  ): Router<TRequest> => {
    const segments = parseTemplate(template, where)
    checkOption(where, 'declaration', declare, required(aFunction))
    const declared = (declare as (route: RouteBuilder<object>) => unknown)(routeBuilder())
    const chain = routeChainOf(declared)
    if (chain === undefined) {
      throw new InvalidOptionError(
        where,
        'declaration',
        'a function returning route.handle(fn), or route.use(...).handle(fn)',
        declared,
      )
    }
    const routes = methods.map((method) => ({ method, segments, chain }))
    return makeRouter({ ...definition, routes: [...definition.routes, ...routes] })
  }

  return Object.assign(router, {
    get: (template: string, declare: unknown) => add('router.get()', ['GET'], template, declare),
    post: (template: string, declare: unknown) => add('router.post()', ['POST'], template, declare),
    put: (template: string, declare: unknown) => add('router.put()', ['PUT'], template, declare),
    patch: (template: string, declare: unknown) => add('router.patch()', ['PATCH'], template, declare),
    delete: (template: string, declare: unknown) => add('router.delete()', ['DELETE'], template, declare),
    on: (methods: string | readonly string[], template: string, declare: unknown) =>
      add('router.on()', checkMethods(methods), template, declare),
    mount: (prefix: string, routes: MountableRoutes<TRequest>) => {
      const mounted = (routes as Partial<MountableRoutes<TRequest>> | undefined)?.[routerDefinitionKey]
      if (mounted === undefined)
        throw new InvalidOptionError('router.mount()', 'routes', 'a router()', routes)
      const segments = parseTemplate(prefix, 'router.mount()', 'prefix')
      if (segments.some((segment) => segment.kind !== 'static')) {
        throw new InvalidOptionError(
          'router.mount()',
          'prefix',
          'a path of static segments only (put parameters in the routes)',
          prefix,
        )
      }
      return makeRouter({
        ...definition,
        mounts: [...definition.mounts, { prefix: segments, routes: mounted }],
      })
    },
    onError: (errorClass: ErrorClass<unknown>, answer: ErrorAnswer<unknown, TRequest>) => {
      checkOption('router.onError()', 'errorClass', errorClass, required(aFunction))
      checkOption('router.onError()', 'answer', answer, required(aFunction))
      const mapping = { errorClass, answer: answer as ErrorAnswer<unknown, object> }
      return makeRouter({ ...definition, mappings: [...definition.mappings, mapping] })
    },
    [routerDefinitionKey]: definition,
  }) as unknown as Router<TRequest>
}

const routeMethods = new Set<string>(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'ANY'])

function checkMethods(methods: string | readonly string[]): string[] {
  const list = typeof methods === 'string' ? [methods] : [...methods]
  for (const method of list) {
    if (!routeMethods.has(method)) {
      throw new InvalidOptionError('router.on()', 'methods', oneOf(...routeMethods).expected, method)
    }
  }
  if (list.length === 0) throw new InvalidOptionError('router.on()', 'methods', 'at least one method', list)
  return list
}
