import { type IdempotencyRecord, mayClaim } from './claim.js'
import type { ClaimOutcome, CompletedFields, IdempotencyStore } from './store.js'

/** A store in this process's memory, with the DynamoDB store's semantics: for unit tests of handlers. */
export interface MemoryStore extends IdempotencyStore {
  /** The records now held, by id (copies). */
  records(): IdempotencyRecord[]
  clear(): void
}

/**
 * Keeps records in a `Map`. Each operation is atomic (it runs to completion before another starts, as a
 * conditional write does in DynamoDB), and answers after a microtask, like a network call would.
 */
export function memoryStore(): MemoryStore {
  const byId = new Map<string, IdempotencyRecord>()
  return {
    async claim(record: IdempotencyRecord, nowMs: number): Promise<ClaimOutcome> {
      const existing = byId.get(record.id)
      if (!mayClaim(existing, nowMs)) return { claimed: false, existing }
      byId.set(record.id, { ...record })
      return { claimed: true }
    },
    async read(id: string) {
      const record = byId.get(id)
      return record === undefined ? undefined : { ...record }
    },
    async complete(id: string, claimToken: string, fields: CompletedFields) {
      const record = byId.get(id)
      if (record?.claimToken !== claimToken) return false
      byId.set(id, { ...record, status: 'COMPLETED', inProgressUntilMs: undefined, ...fields })
      return true
    },
    async release(id: string, claimToken: string) {
      if (byId.get(id)?.claimToken === claimToken) byId.delete(id)
    },
    records: () => [...byId.values()].map((record) => ({ ...record })),
    clear: () => byId.clear(),
  }
}
