import type { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import {
  aFunction,
  anObject,
  anyOf,
  checkOptions,
  InvalidOptionError,
  nonEmptyString,
  type OptionRules,
  positiveMilliseconds,
  required,
  trueOrFalse,
  wholeNumber,
  withMethod,
} from '@tsumiki/core'
import { LocalCache } from '../storage/local-cache.js'
import type { IdempotencyStore } from '../storage/store.js'
import { dynamoTables } from '../transport/dynamo-store.js'

export interface LocalCacheOptions {
  /** Default 1,000. */
  readonly maxEntries?: number | undefined
  /** Memory the cached results may take, roughly (strings count two bytes a character). Default 4 MiB. */
  readonly maxBytes?: number | undefined
}

/** What `idempotent()` and `makeIdempotent()` share: where records go and how long they count. */
export interface StoreOptions {
  /**
   * The DynamoDB table's name (partition key `id`, a string; TTL on `ttlEpochSeconds`). Give this or `store`.
   */
  readonly table?: string | undefined
  /** Your `DynamoDBClient` for the table (default `new DynamoDBClient({})`, created on first use). */
  readonly client?: DynamoDBClient | undefined
  /** Another store, e.g. `memoryStore()` in unit tests. Give this or `table`. */
  readonly store?: IdempotencyStore | undefined
  /** How long a completed result answers duplicates. */
  readonly expiresAfterMs: number
  /**
   * How long a claim holds when the invocation's deadline is unknown (outside Lambda, `makeIdempotent()` without
   * a deadline). Inside Lambda a claim holds until the invocation's deadline. Default 60,000.
   */
  readonly inProgressExpiryMs?: number | undefined
  /** Keep COMPLETED results in memory too, so a duplicate in a warm process costs no request. Default off. */
  readonly localCache?: boolean | LocalCacheOptions | undefined
  /**
   * What keys are unique within: records are stored under `scope#sha256(key)`. Default the Lambda function's name,
   * so functions can share a table.
   */
  readonly scope?: string | undefined
  /** The clock, in epoch milliseconds. For tests; default `Date.now`. */
  readonly clock?: (() => number) | undefined
}

/** The rules of the options both factories take; `table` is each factory's own (idempotent() takes a function too). */
export function storeOptionRules(): Omit<OptionRules<StoreOptions>, 'table'> {
  return {
    client: withMethod('send'),
    store: withMethod('claim'),
    expiresAfterMs: required(positiveMilliseconds),
    inProgressExpiryMs: positiveMilliseconds,
    localCache: anyOf(
      trueOrFalse,
      anObject<LocalCacheOptions>({ maxEntries: wholeNumber(1), maxBytes: wholeNumber(1) }),
    ),
    scope: nonEmptyString,
    clock: aFunction,
  }
}

export interface Settings {
  /**
   * The store a call's records go to: the one store, or, when the request names the table (`idempotent({ table:
   * (request) => ... })`), that table's, each over the one client.
   */
  readonly storeOf: (table: string | undefined) => IdempotencyStore
  /** Cold-start work: loading the SDK and making the client. Undefined when there is none. */
  readonly warm: (() => Promise<void>) | undefined
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

/**
 * Resolves the defaults of options checked against `rules` here: `where` (`'idempotent()'`…) names the factory in
 * errors. `table` is a name, or (idempotent() only) a function naming it per request.
 */
export function settingsOf<TOptions extends Omit<StoreOptions, 'table'> & { readonly table?: unknown }>(
  where: string,
  options: TOptions,
  rules: OptionRules<TOptions>,
): Settings {
  checkOptions(where, options, rules)
  const { table, client, store } = options
  if ((table === undefined) === (store === undefined)) {
    throw new InvalidOptionError(where, 'table', 'a table name, or a store given instead', table)
  }
  if (store !== undefined && client !== undefined) {
    throw new InvalidOptionError(where, 'client', 'left out when a store is given', 'a client')
  }
  const tables = store === undefined ? dynamoTables(client) : undefined
  const fixed = store ?? (typeof table === 'string' ? tables?.storeOf(table) : undefined)
  return {
    storeOf: (named) => (named === undefined ? fixed : tables?.storeOf(named)) as IdempotencyStore,
    warm:
      store === undefined
        ? tables?.warm
        : store.warm === undefined
          ? undefined
          : () => store.warm?.() as Promise<void>,
    expiresAfterMs: options.expiresAfterMs,
    inProgressExpiryMs: options.inProgressExpiryMs ?? defaultInProgressExpiryMs,
    cache: localCacheOf(options.localCache),
    scope: options.scope,
    clock: options.clock ?? Date.now,
  }
}

function localCacheOf(option: StoreOptions['localCache']): LocalCache | undefined {
  if (option === undefined || option === false) return undefined
  if (option === true) return new LocalCache(defaultLocalCacheEntries, defaultLocalCacheBytes)
  return new LocalCache(
    option.maxEntries ?? defaultLocalCacheEntries,
    option.maxBytes ?? defaultLocalCacheBytes,
  )
}
