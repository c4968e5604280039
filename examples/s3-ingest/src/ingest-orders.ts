import { WouldTriggerItselfError } from './ingest-errors.js'
import type { ObjectLocation, ObjectStorage, StorageCallOptions } from './object-storage.js'
import { type ProcessedOrder, parseOrderLine, type RejectedLine, readLines } from './order-lines.js'

/** Only objects under this prefix are orders files; the stack's notification filter says the same. */
export const INCOMING_PREFIX = 'incoming/'
export const INCOMING_SUFFIX = '.jsonl'
export const PROCESSED_PREFIX = 'processed/'

/** What the ingest writes to the output bucket: every line accounted for. */
export interface IngestReport {
  readonly source: ObjectLocation
  readonly counts: {
    /** Non-blank lines read: `accepted + rejected`. */
    readonly lines: number
    readonly accepted: number
    readonly rejected: number
    readonly blank: number
  }
  readonly totalCents: number
  readonly orders: readonly ProcessedOrder[]
  readonly rejected: readonly RejectedLine[]
}

export type IngestOutcome =
  | { readonly status: 'written'; readonly output: ObjectLocation; readonly report: IngestReport }
  | { readonly status: 'skipped'; readonly reason: string }

export interface IngestDeps {
  readonly storage: ObjectStorage
}

/**
 * `incoming/2026/12/orders.jsonl` → `processed/2026/12/orders.json`: the same name under another prefix, so
 * the output of one input is always the same object (a retried run overwrites it with the same content).
 */
export function outputKeyFor(sourceKey: string): string {
  const relative = sourceKey.startsWith(INCOMING_PREFIX) ? sourceKey.slice(INCOMING_PREFIX.length) : sourceKey
  const base = relative.endsWith(INCOMING_SUFFIX) ? relative.slice(0, -INCOMING_SUFFIX.length) : relative
  return `${PROCESSED_PREFIX}${base}.json`
}

/**
 * Refuses an output in the source's bucket, whatever the prefix: the notification filter is the first guard,
 * this is the second, and it must not depend on the filter being what we think it is.
 */
export function assertCannotTriggerItself(source: ObjectLocation, output: ObjectLocation): void {
  if (output.bucket === source.bucket) throw new WouldTriggerItselfError(source, output)
}

/**
 * Reads an orders file (JSON lines) from `source`, validates every line and writes the accepted orders, the
 * rejected lines with their reasons and the counts to `outputBucket`. Objects outside `incoming/*.jsonl` are
 * skipped (the caller logs why).
 */
export async function ingestOrders(
  input: { readonly source: ObjectLocation; readonly outputBucket: string },
  deps: IngestDeps,
  options: StorageCallOptions = {},
): Promise<IngestOutcome> {
  const { source } = input
  const output = { bucket: input.outputBucket, key: outputKeyFor(source.key) }
  assertCannotTriggerItself(source, output)
  if (!source.key.startsWith(INCOMING_PREFIX) || !source.key.endsWith(INCOMING_SUFFIX)) {
    return {
      status: 'skipped',
      reason: `not an orders file: keys must match ${INCOMING_PREFIX}*${INCOMING_SUFFIX}`,
    }
  }

  const orders: ProcessedOrder[] = []
  const rejected: RejectedLine[] = []
  let blank = 0
  let totalCents = 0
  for await (const { line, text } of readLines(deps.storage.readObject(source, options))) {
    if (text.trim() === '') {
      blank += 1
      continue
    }
    const parsed = parseOrderLine(line, text)
    if (parsed.ok) {
      orders.push(parsed.order)
      totalCents += parsed.order.totalCents
    } else {
      rejected.push(parsed.rejected)
    }
  }

  const report: IngestReport = {
    source,
    counts: {
      lines: orders.length + rejected.length,
      accepted: orders.length,
      rejected: rejected.length,
      blank,
    },
    totalCents,
    orders,
    rejected,
  }
  await deps.storage.writeObject(output, JSON.stringify(report), 'application/json', options)
  return { status: 'written', output, report }
}
