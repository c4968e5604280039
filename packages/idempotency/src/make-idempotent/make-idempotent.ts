import { type Awaitable, aFunction, checkOption, nonEmptyString, required } from '@tsumiki/core'
import { IdempotencyKeyMissingError } from '../errors/idempotency-key-missing-error.js'
import { payloadHashOf } from '../run-once/fingerprint.js'
import { runOnce } from '../run-once/run-once.js'
import { type StoreOptions, settingsOf, storeOptionRules } from '../run-once/settings.js'
import { reserveScope } from './scope-registry.js'

/**
 * `scope` names this function's records (`scope#sha256(key)`). Default `<Lambda function name>.<fn.name>`; an
 * anonymous function needs one, and two functions made idempotent in one process cannot share one.
 */
export interface MakeIdempotentOptions<Input> extends StoreOptions {
  /** The key a call is recorded under. Default: a hash of the whole input. */
  readonly key?: ((input: Input) => string | undefined) | undefined
  /** What must match for a duplicate to get the stored result. Default: nothing (the key is the input's hash). */
  readonly payload?: ((input: Input) => unknown) | undefined
}

/** Where a call runs, when it runs inside a Lambda invocation: its claim then holds until the deadline. */
export interface IdempotentCallOptions {
  /** Epoch ms, e.g. `request.deadlineAtMs` or `Date.now() + context.getRemainingTimeInMillis()`. */
  readonly deadlineAtMs?: number | undefined
  /** Aborts the store requests, e.g. `request.signal`. */
  readonly signal?: AbortSignal | undefined
}

/**
 * `fn`, run once per key: a duplicate call gets the stored result (or `IdempotencyInProgressError` while the first
 * still runs). For code outside the middleware chain; results are stored as JSON, so a duplicate gets the JSON
 * form of the first result.
 */
export function makeIdempotent<Input, Result>(
  fn: (input: Input) => Awaitable<Result>,
  options: MakeIdempotentOptions<Input>,
): (input: Input, call?: IdempotentCallOptions) => Promise<Result> {
  checkOption('makeIdempotent()', 'fn', fn, required(aFunction))
  const settings = settingsOf('makeIdempotent()', options, {
    ...storeOptionRules(),
    table: nonEmptyString,
    key: aFunction,
    payload: aFunction,
  })
  const store = settings.storeOf(undefined)
  const { key: keyOption, payload: payloadOption } = options
  const scope = settings.scope ?? `${process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'local'}.${fn.name}`
  reserveScope(fn, scope, settings.scope !== undefined)

  return async function idempotentCall(input: Input, call: IdempotentCallOptions = {}): Promise<Result> {
    const key = keyOption === undefined ? payloadHashOf(input) : keyOption(input)
    if (typeof key !== 'string' || key === '') {
      throw new IdempotencyKeyMissingError(
        `makeIdempotent() key() returned ${key === '' ? 'an empty string' : String(key)}; it must be a non-empty string`,
      )
    }
    const payload = payloadOption?.(input)
    return (await runOnce(
      settings,
      {
        store,
        scope,
        caller: undefined,
        key,
        payloadHash: payload === undefined ? undefined : payloadHashOf(payload),
        deadlineAtMs: call.deadlineAtMs ?? Number.POSITIVE_INFINITY,
        signal: call.signal,
      },
      () => fn(input),
    )) as Result
  }
}
