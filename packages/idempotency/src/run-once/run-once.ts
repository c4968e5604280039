import { randomUUID } from 'node:crypto'
import { emitSignal, type LogTarget, logForRequest } from '@tsumiki/core'
import { IdempotencyInProgressError } from '../errors/idempotency-in-progress-error.js'
import { IdempotencyPayloadMismatchError } from '../errors/idempotency-payload-mismatch-error.js'
import { type IdempotencyRecord, judge } from '../storage/claim.js'
import type { IdempotencyStore } from '../storage/store.js'
import { decodeResult, encodeResult } from '../storage/stored-result.js'
import { recordIdOf } from './record-id.js'
import type { Settings } from './settings.js'

/**
 * One call to make idempotent, as the middleware and `makeIdempotent()` describe it. What its caller is not told (a
 * claim it could not release, or lost) is logged about it (`logForRequest`): through the request's logger when the
 * chain has one, else as core's line. The record is named by its id, whose key part is a hash: the raw key may be
 * an order number or an email, and never reaches a log line.
 */
export interface Call extends LogTarget {
  /** Where its record goes (`settings.storeOf()` of the table it names, if any). */
  readonly store: IdempotencyStore
  /** What keys are unique within, when the settings do not say (the function's name). */
  readonly scope: string
  /** Whose key it is (the authenticated principal); undefined when keys are not the caller's own. */
  readonly caller: string | undefined
  readonly key: string
  /** Undefined when payloads are not compared. */
  readonly payloadHash: string | undefined
  /** When the invocation ends (epoch ms; `Infinity` when unknown): the claim holds until then. */
  readonly deadlineAtMs: number
  readonly signal: AbortSignal | undefined
  /** The request the call runs for, which its `idempotency.outcome` signal is about; none outside a chain. */
  readonly request?: object | undefined
}

const claimLostMessage =
  'An idempotency claim ran out before its work finished and was taken by another invocation: this result was not stored, and the logic may have run twice'

// The fields of each `idempotency.outcome` signal: shared, so emitting one allocates nothing.
const firstSight = /* @__PURE__ */ Object.freeze({ outcome: 'first-sight' } as const)
const duplicate = /* @__PURE__ */ Object.freeze({ outcome: 'duplicate' } as const)
const inProgress = /* @__PURE__ */ Object.freeze({ outcome: 'in-progress' } as const)
const localCacheHit = /* @__PURE__ */ Object.freeze({ outcome: 'local-cache-hit' } as const)
const payloadMismatch = /* @__PURE__ */ Object.freeze({ outcome: 'payload-mismatch' } as const)

/** How often a claim is tried when the record in the way keeps vanishing or expiring between attempts. */
const claimAttempts = 3

/**
 * Runs `work` once per key: claims the key, runs, stores the result; or answers a duplicate with the stored
 * result (or a typed error) without running it. Requests to the store: 2 on first sight (claim, complete), 1 for
 * a completed duplicate when the store returns the record with the failed claim (else 2), 0 on a cache hit.
 */
export async function runOnce(settings: Settings, call: Call, work: () => unknown): Promise<unknown> {
  const { cache, clock } = settings
  const { store } = call
  const id = recordIdOf(settings.scope ?? call.scope, call.caller, call.key)
  if (cache !== undefined) {
    const cached = cache.get(id, clock())
    if (cached !== undefined) {
      if (isMismatch(cached.payloadHash, call.payloadHash)) {
        emitSignal(call.request, 'idempotency.outcome', payloadMismatch)
        throw new IdempotencyPayloadMismatchError()
      }
      emitSignal(call.request, 'idempotency.outcome', localCacheHit)
      return decodeResult(cached.result)
    }
  }

  const claimToken = randomUUID()
  for (let attempt = 1; ; attempt++) {
    const nowMs = clock()
    const inProgressUntilMs = Number.isFinite(call.deadlineAtMs)
      ? call.deadlineAtMs
      : nowMs + settings.inProgressExpiryMs
    const claim: IdempotencyRecord = {
      id,
      status: 'IN_PROGRESS',
      // A claim never expires before its deadline, or another invocation could take it while this one runs.
      expiresAtMs: Math.max(nowMs + settings.expiresAfterMs, inProgressUntilMs),
      inProgressUntilMs,
      payloadHash: call.payloadHash,
      result: undefined,
      claimToken,
    }
    const outcome = await store.claim(claim, nowMs, call.signal)
    if (outcome.claimed) {
      emitSignal(call.request, 'idempotency.outcome', firstSight)
      break
    }
    const existing = outcome.existing ?? (await store.read(id, call.signal))
    const verdict = judge(existing, call.payloadHash, clock())
    switch (verdict.kind) {
      case 'completed':
        emitSignal(call.request, 'idempotency.outcome', duplicate)
        cache?.set(id, {
          expiresAtMs: existing?.expiresAtMs ?? 0,
          payloadHash: existing?.payloadHash,
          result: verdict.result,
        })
        return decodeResult(verdict.result)
      case 'in-progress':
        emitSignal(call.request, 'idempotency.outcome', inProgress)
        throw new IdempotencyInProgressError(verdict.retryAfterMs)
      case 'payload-mismatch':
        emitSignal(call.request, 'idempotency.outcome', payloadMismatch)
        throw new IdempotencyPayloadMismatchError()
      case 'claimable':
        if (attempt >= claimAttempts) {
          emitSignal(call.request, 'idempotency.outcome', inProgress)
          throw new IdempotencyInProgressError(1000)
        }
    }
  }

  let result: unknown
  let stored: string
  try {
    result = await work()
    stored = encodeResult(result)
  } catch (error) {
    await release(call, id, claimToken)
    throw error
  }
  const expiresAtMs = clock() + settings.expiresAfterMs
  const completed: IdempotencyRecord = {
    id,
    status: 'COMPLETED',
    expiresAtMs,
    inProgressUntilMs: undefined,
    payloadHash: call.payloadHash,
    result: stored,
    claimToken,
  }
  try {
    store.checkRecord?.(completed)
  } catch (error) {
    await release(call, id, claimToken)
    throw error
  }
  if (await store.complete(id, claimToken, { result: stored, expiresAtMs }, call.signal)) {
    cache?.set(id, { expiresAtMs, payloadHash: call.payloadHash, result: stored })
  } else {
    // The claim ran out before the work finished, and another invocation took it: the record is theirs, and so is
    // the answer a duplicate gets. This call's result stands for this caller only.
    logForRequest(call, 'WARN', claimLostMessage, { idempotency_record: id })
  }
  return result
}

function isMismatch(stored: string | undefined, given: string | undefined): boolean {
  return stored !== undefined && given !== undefined && stored !== given
}

/** Deletes the claim so a retry runs; a failure to do so is reported, and the claim runs out at its deadline. */
async function release(call: Call, id: string, claimToken: string): Promise<void> {
  // Past the deadline guard the claim's own deadline (the invocation's) is at hand: it runs out by itself.
  if (call.signal?.aborted === true) return
  try {
    await call.store.release(id, claimToken, call.signal)
  } catch (releaseError) {
    logForRequest(
      call,
      'ERROR',
      'Could not release an idempotency claim; it runs out at its in-progress deadline',
      {
        idempotency_record: id,
        error: releaseError,
      },
    )
  }
}
