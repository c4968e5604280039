/** A COMPLETED record kept in memory: enough to answer a duplicate without a request to the store. */
export interface CachedResult {
  readonly expiresAtMs: number
  readonly payloadHash: string | undefined
  readonly result: string
}

/**
 * Least-recently-used cache of COMPLETED results (never IN_PROGRESS ones: those change under us), bounded by
 * entries and by bytes. A `Map` keeps insertion order; a hit is moved to the end, eviction takes from the front.
 */
export class LocalCache {
  readonly #entries = new Map<string, CachedResult>()
  readonly #maxEntries: number
  readonly #maxBytes: number
  #bytes = 0

  constructor(maxEntries: number, maxBytes: number) {
    this.#maxEntries = maxEntries
    this.#maxBytes = maxBytes
  }

  get size(): number {
    return this.#entries.size
  }

  get bytes(): number {
    return this.#bytes
  }

  get(id: string, nowMs: number): CachedResult | undefined {
    const entry = this.#entries.get(id)
    if (entry === undefined) return undefined
    this.#entries.delete(id)
    if (entry.expiresAtMs < nowMs) {
      this.#bytes -= bytesOf(id, entry)
      return undefined
    }
    this.#entries.set(id, entry)
    return entry
  }

  set(id: string, entry: CachedResult): void {
    const bytes = bytesOf(id, entry)
    const previous = this.#entries.get(id)
    if (previous !== undefined) {
      this.#entries.delete(id)
      this.#bytes -= bytesOf(id, previous)
    }
    if (bytes > this.#maxBytes) return
    this.#entries.set(id, entry)
    this.#bytes += bytes
    for (const [oldestId, oldest] of this.#entries) {
      if (this.#entries.size <= this.#maxEntries && this.#bytes <= this.#maxBytes) break
      this.#entries.delete(oldestId)
      this.#bytes -= bytesOf(oldestId, oldest)
    }
  }
}

/** JavaScript strings take two bytes per UTF-16 unit; the numbers and the entry itself are a few dozen more. */
function bytesOf(id: string, entry: CachedResult): number {
  return 2 * (id.length + entry.result.length + (entry.payloadHash?.length ?? 0)) + 64
}
