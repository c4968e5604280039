import { type Invocation, RequestBase, type RequestCapabilities, type RequestKind } from '@tsumiki/core'
import type { RecordRequest } from './record-request.js'

/**
 * The base of a batch source's request class: the record, the id it is reported under, and the capabilities
 * `runBatch()` hands each request (with a dead-letter queue, a permanent failure is the adapter's to log, once it
 * is parked). A source's class adds its own fields and reads them from the record.
 */
export class BatchRequestBase<TEvent, TRecord>
  extends RequestBase<TEvent>
  implements RecordRequest<TEvent, TRecord>
{
  readonly record: TRecord
  declare readonly recordId: string
  readonly #capabilities: RequestCapabilities

  constructor(
    invocation: Invocation,
    kind: RequestKind,
    event: TEvent,
    correlationId: string | undefined,
    eventId: string,
    recordId: string,
    record: TRecord,
    capabilities: RequestCapabilities,
  ) {
    super(invocation, kind, event, correlationId, eventId, recordId)
    this.record = record
    this.#capabilities = capabilities
  }

  override get capabilities(): RequestCapabilities {
    return this.#capabilities
  }
}
