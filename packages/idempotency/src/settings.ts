import type { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { checkOptionKeys, InvalidOptionError } from '@tsumiki/core'
import { dynamoStore } from './dynamo-store.js'
import { LocalCache } from './local-cache.js'
import type { IdempotencyStore } from './store.js'

export interface LocalCacheOptions {
  /** Default 1,000. */
  readonly maxEntries?: number
  /** Memory the cached results may take, roughly (strings count two bytes a character). Default 4 MiB. */
  readonly maxBytes?: number
}

/** What `idempotent()` and `makeIdempotent()` share: where records go and how long they count. */
export interface StoreOptions {
  /**
   * The DynamoDB table's name (partition key `id`, a string; TTL on `ttlEpochSeconds`). Give this or `store`.
   */
  readonly table?: string
  /** Your `DynamoDBClient` for the table (default `new DynamoDBClient({})`, created on first use). */
  readonly client?: DynamoDBClient
  /** Another store, e.g. `memoryStore()` in unit tests. Give this or `table`. */
  readonly store?: IdempotencyStore
  /** How long a completed result answers duplicates. */
  readonly expiresAfterMs: number
  /**
   * How long a claim holds when the invocation's deadline is unknown (outside Lambda, `makeIdempotent()` without
   * a deadline). Inside Lambda a claim holds until the invocation's deadline. Default 60,000.
   */
  readonly inProgressExpiryMs?: number
  /** Keep COMPLETED results in memory too, so a duplicate in a warm process costs no request. Default off. */
  readonly localCache?: boolean | LocalCacheOptions
  /**
   * What keys are unique within: records are stored under `scope#sha256(key)`. Default the Lambda function's name,
   * so functions can share a table.
   */
  readonly scope?: string
  /** The clock, in epoch milliseconds. For tests; default `Date.now`. */
  readonly clock?: () => number
}

export const storeOptionKeys = [
  'table',
  'client',
  'store',
  'expiresAfterMs',
  'inProgressExpiryMs',
  'localCache',
  'scope',
  'clock',
] as const

export interface Settings {
  readonly store: IdempotencyStore
  readonly expiresAfterMs: number
  readonly inProgressExpiryMs: number
  readonly cache: LocalCache | undefined
  readonly scope: string | undefined
  readonly clock: () => number
}

const defaultInProgressExpiryMs = 60_000
const defaultLocalCacheEntries = 1000
// 4 * 1024 * 1024, written out: a bundler keeps a top-level product it did not fold.
const defaultLocalCacheBytes = 4_194_304

/** Checks the options of `where` (`'idempotent()'`…) and resolves their defaults; `knownKeys` are all it takes. */
export function settingsOf(where: string, options: StoreOptions, knownKeys: readonly string[]): Settings {
  if (typeof options !== 'object' || options === null) {
    throw new InvalidOptionError(where, 'options', 'an object', options)
  }
  checkOptionKeys(where, options, knownKeys)
  const { table, client, store } = options
  if ((table === undefined) === (store === undefined)) {
    throw new InvalidOptionError(where, 'table', 'a table name, or a store given instead', table)
  }
  if (table !== undefined && (typeof table !== 'string' || table === '')) {
    throw new InvalidOptionError(where, 'table', 'a table name', table)
  }
  if (store !== undefined && client !== undefined) {
    throw new InvalidOptionError(where, 'client', 'left out when a store is given', 'a client')
  }
  if (
    store !== undefined &&
    (typeof store !== 'object' || store === null || typeof store.claim !== 'function')
  ) {
    throw new InvalidOptionError(where, 'store', 'an IdempotencyStore, e.g. memoryStore()', store)
  }
  positiveMs(where, 'expiresAfterMs', options.expiresAfterMs)
  if (options.inProgressExpiryMs !== undefined)
    positiveMs(where, 'inProgressExpiryMs', options.inProgressExpiryMs)
  if (options.scope !== undefined && (typeof options.scope !== 'string' || options.scope === '')) {
    throw new InvalidOptionError(where, 'scope', 'a non-empty string', options.scope)
  }
  if (options.clock !== undefined && typeof options.clock !== 'function') {
    throw new InvalidOptionError(where, 'clock', 'a function returning epoch milliseconds', options.clock)
  }
  return {
    store:
      store ??
      dynamoStore(client === undefined ? { table: table as string } : { table: table as string, client }),
    expiresAfterMs: options.expiresAfterMs,
    inProgressExpiryMs: options.inProgressExpiryMs ?? defaultInProgressExpiryMs,
    cache: localCacheOf(where, options.localCache),
    scope: options.scope,
    clock: options.clock ?? Date.now,
  }
}

function positiveMs(where: string, option: string, value: unknown): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new InvalidOptionError(where, option, 'a positive number of milliseconds', value)
  }
}

function localCacheOf(where: string, option: StoreOptions['localCache']): LocalCache | undefined {
  if (option === undefined || option === false) return undefined
  if (option === true) return new LocalCache(defaultLocalCacheEntries, defaultLocalCacheBytes)
  if (typeof option !== 'object' || option === null) {
    throw new InvalidOptionError(where, 'localCache', 'true, false or { maxEntries, maxBytes }', option)
  }
  checkOptionKeys(`${where} localCache`, option, ['maxEntries', 'maxBytes'])
  const { maxEntries = defaultLocalCacheEntries, maxBytes = defaultLocalCacheBytes } = option
  if (!Number.isInteger(maxEntries) || maxEntries < 1) {
    throw new InvalidOptionError(where, 'localCache.maxEntries', 'a positive integer', maxEntries)
  }
  if (!Number.isInteger(maxBytes) || maxBytes < 1) {
    throw new InvalidOptionError(where, 'localCache.maxBytes', 'a positive integer', maxBytes)
  }
  return new LocalCache(maxEntries, maxBytes)
}
