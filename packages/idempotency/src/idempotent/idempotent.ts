import {
  aFunction,
  anyOf,
  InvalidOptionError,
  type InvocationRequest,
  type Middleware,
  middleware,
  nonEmptyString,
  oneOf,
} from '@tsumiki/core'
import { IdempotencyKeyMissingError } from '../errors/idempotency-key-missing-error.js'
import { payloadHashOf } from '../run-once/fingerprint.js'
import { runOnce } from '../run-once/run-once.js'
import { type StoreOptions, settingsOf, storeOptionRules } from '../run-once/settings.js'
import { defaultKeyOf } from './default-key.js'

export interface IdempotentOptions<Request extends InvocationRequest = InvocationRequest>
  extends Omit<StoreOptions, 'table'> {
  /**
   * The DynamoDB table's name (partition key `id`, a string; TTL on `ttlEpochSeconds`), or a function of the request
   * naming it, for a name known only once the function runs: `(request) => request.params.idempotencyTable` after
   * `parameters()`. Every table's store shares one client, made once. Give this or `store`.
   */
  readonly table?: string | ((request: Request) => string) | undefined
  /**
   * The key the request is recorded under. Default: the event's own id (SQS `messageId`, SNS `MessageId`,
   * EventBridge and schedule `id`, S3 bucket + key + `sequencer`, Kinesis and DynamoDB Streams `eventID`), and for
   * HTTP the `Idempotency-Key` header. An empty or undefined key is refused, never shared.
   */
  readonly key?: ((request: Request) => string | undefined) | undefined
  /**
   * What must be the same for a duplicate to get the stored result (else `IdempotencyPayloadMismatchError`, 422):
   * its hash is stored with the record. Default: for HTTP the method, path, query (in any order), content type and
   * body; nothing for other sources, whose keys are their events' own ids. `false`: never compare.
   */
  readonly payload?: false | ((request: Request) => unknown) | undefined
  /**
   * Whose key it is: a key is the caller's own, so another caller who sends the same key runs their own request.
   * Default: the principal the front door authenticated (a JWT's issuer and subject, an IAM ARN, a Lambda
   * authorizer's principal, a Cognito identity), none where the event names none. A function names another scope
   * (a tenant, an API key id; undefined: none for that request); `false` shares keys between all callers.
   */
  readonly caller?: false | ((request: Request) => string | undefined) | undefined
}

/** Default payload: what the client asked for (HTTP); nothing where the event's own id is the key. */
function defaultPayloadOf(request: InvocationRequest): unknown {
  return request.capabilities.fingerprintOf(request)
}

/** Default caller: the principal the front door authenticated, if any. */
function defaultCallerOf(request: InvocationRequest): string | undefined {
  return request.capabilities.callerOf(request)
}

/**
 * Runs the layers inside it once per key: once per invocation for HTTP, SNS, S3, EventBridge and schedules, once
 * per record on `sqs()`, `kinesis()` and `dynamodbStreams()`. A duplicate gets the stored result (HTTP: the same
 * response) without running them; one that arrives while the first still runs gets `IdempotencyInProgressError`
 * (409; in a batch the record fails and is delivered again). HTTP keys are their caller's own.
 */
export function idempotent<Request extends InvocationRequest = InvocationRequest>(
  options: IdempotentOptions<Request>,
): Middleware<Request> {
  const settings = settingsOf('idempotent()', options, {
    ...storeOptionRules(),
    table: anyOf(nonEmptyString, aFunction),
    key: aFunction,
    payload: anyOf(oneOf(false), aFunction),
    caller: anyOf(oneOf(false), aFunction),
  })
  const { key: keyOption, payload: payloadOption, caller: callerOption, table: tableOption } = options
  const tableOf =
    typeof tableOption === 'function' ? (request: Request) => checkedTable(tableOption(request)) : undefined
  const keyOf = keyOption === undefined ? defaultKeyOf : (request: Request) => checkedKey(keyOption(request))
  const payloadOf = payloadOption === false ? undefined : (payloadOption ?? defaultPayloadOf)
  const callerOf =
    callerOption === false
      ? undefined
      : callerOption === undefined
        ? defaultCallerOf
        : (request: Request) => checkedCaller(callerOption(request))

  const { warm } = settings
  const fixedStore = tableOf === undefined ? settings.storeOf(undefined) : undefined
  return middleware<Request>({
    name: 'idempotent',
    // Loads the SDK and makes the client at cold start, beside the other middlewares' inits.
    ...(warm === undefined ? {} : { init: () => warm() }),
    handle(request, next) {
      const key = keyOf(request)
      const payload = payloadOf?.(request)
      return runOnce(
        settings,
        {
          store: fixedStore ?? settings.storeOf(tableOf?.(request)),
          scope: request.context.functionName ?? 'local',
          caller: callerOf?.(request),
          key,
          payloadHash: payload === undefined ? undefined : payloadHashOf(payload),
          deadlineAtMs: request.deadlineAtMs,
          signal: request.signal,
          log: (request as { log?: unknown }).log,
          context: request.context,
          recordId: request.recordId,
          request,
        },
        next,
      )
    },
  })
}

function checkedKey(key: unknown): string {
  if (typeof key !== 'string' || key === '') {
    throw new IdempotencyKeyMissingError(
      `The idempotency key() returned ${key === '' ? 'an empty string' : String(key)}; it must be a non-empty string`,
    )
  }
  return key
}

function checkedCaller(caller: unknown): string | undefined {
  if (caller === undefined || typeof caller === 'string') return caller
  throw new InvalidOptionError('idempotent()', 'caller', 'a function returning a string or undefined', caller)
}

// A table function that names no table is a mistake in the chain (a parameter not loaded, a misspelt key), not
// in the request: it fails the request with an error that says so, and no record is written anywhere.
function checkedTable(table: unknown): string {
  if (nonEmptyString.test(table)) return table as string
  throw new InvalidOptionError(
    'idempotent()',
    'table',
    `a function returning ${nonEmptyString.expected}`,
    table,
  )
}
