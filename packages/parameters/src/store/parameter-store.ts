import { ParameterCache } from '../cache/parameter-cache.js'
import type { ParameterDefinitions, ParameterValues, Params } from '../definitions/definition.js'
import { type ParameterStoreOptions, resolveStoreOptions } from './store-options.js'

export interface ReadOptions {
  /** Aborts this caller's wait (and the read, when no one else waits on it). Pass `request.signal`. */
  readonly signal?: AbortSignal | undefined
}

/** The cached values without the engine: at module scope, in a hand-written handler, in idempotency code. */
export interface ParameterStore<Definitions extends ParameterDefinitions> {
  /** Every value (all fetched together when not in memory); a `ParameterError` names every failure at once. */
  getAll(options?: ReadOptions): Promise<Params<Definitions>>
  /** One value, from memory while fresh. */
  get<Key extends keyof Definitions & string>(
    key: Key,
    options?: ReadOptions,
  ): Promise<ParameterValues<Definitions>[Key]>
  /** One value read afresh whatever its age (concurrent calls share one read), and stored. */
  refresh<Key extends keyof Definitions & string>(
    key: Key,
    options?: ReadOptions,
  ): Promise<ParameterValues<Definitions>[Key]>
}

/**
 * The same cache `parameters()` uses, for code outside the engine:
 * `const config = createParameterStore({ table: ssm('/orders/table') })`, then `await config.get('table')`.
 */
export function createParameterStore<const Definitions extends ParameterDefinitions>(
  definitions: Definitions,
  options: ParameterStoreOptions = {},
): ParameterStore<Definitions> {
  const cache = new ParameterCache(
    definitions,
    resolveStoreOptions('createParameterStore()', definitions, options),
  )
  return {
    getAll: async (readOptions = {}) => cache.current(readOptions),
    get: (key, readOptions = {}) => cache.get(key, readOptions),
    refresh: (key, readOptions = {}) => cache.refresh(key, readOptions),
  }
}
