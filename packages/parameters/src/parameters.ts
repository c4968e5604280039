import { type InvocationRequest, type Middleware, middleware } from '@tsumiki/core'
import type { ParameterDefinitions, Params } from './definition.js'
import { isPromiseLike } from './is-promise-like.js'
import { ParameterCache } from './parameter-cache.js'
import { type ParameterStoreOptions, resolveStoreOptions } from './store-options.js'

/** What `parameters()` adds to the request. */
export interface ParamsAdded<Definitions extends ParameterDefinitions> {
  readonly params: Params<Definitions>
}

/**
 * Adds `request.params`, typed by the definitions. Everything is fetched at cold start, in the middleware's
 * `init()` (SSM names 10 per GetParameters call, the calls in parallel; paths page by page; secrets together),
 * then served from memory and refreshed after `maxAgeMs` (see `ParameterStoreOptions`). All missing names are
 * reported at once, by name; values never appear in errors or logs.
 */
export function parameters<const Definitions extends ParameterDefinitions>(
  definitions: Definitions,
  options: ParameterStoreOptions = {},
): Middleware<InvocationRequest, ParamsAdded<Definitions>> {
  const cache = new ParameterCache(definitions, resolveStoreOptions('parameters()', definitions, options))
  return middleware<InvocationRequest, ParamsAdded<Definitions>>({
    name: 'parameters',
    init: () => cache.load(),
    handle(request, next) {
      const params = cache.current(request)
      return isPromiseLike(params) ? params.then((loaded) => next({ params: loaded })) : next({ params })
    },
  })
}
