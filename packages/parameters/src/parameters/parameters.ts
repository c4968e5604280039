import { type InvocationRequest, isPromiseLike, type Middleware, middleware } from '@tsumiki/core'
import { ParameterCache, type Reader } from '../cache/parameter-cache.js'
import type { ParameterDefinitions, Params } from '../definitions/definition.js'
import { type ParameterStoreOptions, resolveStoreOptions } from '../store/store-options.js'

/** What `parameters()` adds to the request. */
export interface ParamsAdded<Definitions extends ParameterDefinitions> {
  readonly params: Params<Definitions>
}

/** What the middleware's `init()` hands every invocation: the filled cache, read through this one method. */
export interface ParametersState<Definitions extends ParameterDefinitions> {
  /** Every value: at once while all are fresh, else once what must be waited for has arrived. */
  current(reader: Reader): Params<Definitions> | Promise<Params<Definitions>>
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
): Middleware<InvocationRequest, ParamsAdded<Definitions>, ParametersState<Definitions>> {
  // Made once: a failed init attempt keeps what it did fetch, and the next attempt reads only the rest.
  const cache = new ParameterCache(definitions, resolveStoreOptions('parameters()', definitions, options))
  return middleware<InvocationRequest, ParamsAdded<Definitions>, ParametersState<Definitions>>({
    name: 'parameters',
    init: async () => {
      await cache.load()
      return cache
    },
    handle(request, next, cache) {
      const params = cache.current(request)
      return isPromiseLike(params) ? params.then((loaded) => next({ params: loaded })) : next({ params })
    },
  })
}
