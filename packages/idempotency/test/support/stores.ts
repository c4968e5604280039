import { type LocalDynamo, startLocalDynamo } from '@tsumiki/testing'
import { dynamoStore, type IdempotencyStore, maxItemBytes, memoryStore } from '../../src/index.js'

/** A store that counts the requests it makes (each operation is one DynamoDB request). */
export interface CountingStore extends IdempotencyStore {
  readonly requests: Record<'claim' | 'read' | 'complete' | 'release', number>
  total(): number
}

export function counting(store: IdempotencyStore): CountingStore {
  const requests = { claim: 0, read: 0, complete: 0, release: 0 }
  return {
    requests,
    total: () => requests.claim + requests.read + requests.complete + requests.release,
    claim: (...args) => {
      requests.claim++
      return store.claim(...args)
    },
    read: (...args) => {
      requests.read++
      return store.read(...args)
    },
    complete: (...args) => {
      requests.complete++
      return store.complete(...args)
    },
    release: (...args) => {
      requests.release++
      return store.release(...args)
    },
    // What the store declares besides its requests.
    ...(store.checkRecord === undefined ? {} : { checkRecord: (record) => store.checkRecord?.(record) }),
  }
}

/** The three stores every behaviour test runs against: memory, and DynamoDB with and without `ALL_OLD`. */
export interface StoreKind {
  readonly name: string
  /** True when a failed claim brings the record in the way with it (no extra read). */
  readonly returnsOldItem: boolean
  /** The largest record the store keeps (DynamoDB's item limit); undefined: no limit of its own. */
  readonly maxRecordBytes: number | undefined
  start(): Promise<void>
  /** A fresh, empty store (a new table for DynamoDB). */
  create(): Promise<IdempotencyStore>
  stop(): Promise<void>
}

let tables = 0

function dynamoKind(returnOldItemOnConditionFailure: boolean): StoreKind {
  let local: LocalDynamo | undefined
  return {
    name: `dynalite${returnOldItemOnConditionFailure ? ' returning ALL_OLD' : ' without ALL_OLD'}`,
    returnsOldItem: returnOldItemOnConditionFailure,
    maxRecordBytes: maxItemBytes,
    async start() {
      local = await startLocalDynamo({ returnOldItemOnConditionFailure })
    },
    async create() {
      if (local === undefined) throw new Error('start() first')
      const table = `idempotency-${++tables}`
      await local.createIdempotencyTable(table)
      return dynamoStore({ table, client: local.client() })
    },
    stop: async () => local?.stop(),
  }
}

export const storeKinds: readonly StoreKind[] = [
  {
    name: 'memory',
    returnsOldItem: true,
    maxRecordBytes: undefined,
    start: async () => {},
    create: async () => memoryStore(),
    stop: async () => {},
  },
  dynamoKind(true),
  dynamoKind(false),
]

/** A clock the test moves by hand. */
export function manualClock(startMs = 1_800_000_000_000) {
  let nowMs = startMs
  return {
    now: () => nowMs,
    advance(ms: number) {
      nowMs += ms
    },
  }
}

/** A promise and the functions that settle it. */
export function deferred<T = void>() {
  let resolve!: (value: T) => void
  let reject!: (error: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}
