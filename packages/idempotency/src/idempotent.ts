import { InvalidOptionError, type InvocationRequest, type Middleware, middleware } from '@tsumiki/core'
import { defaultKeyOf } from './default-key.js'
import { IdempotencyKeyMissingError } from './errors.js'
import { payloadHashOf } from './fingerprint.js'
import { runOnce } from './run-once.js'
import { type StoreOptions, settingsOf, storeOptionKeys } from './settings.js'

export interface IdempotentOptions<Request extends InvocationRequest = InvocationRequest>
  extends StoreOptions {
  /**
   * The key the request is recorded under. Default: the event's own id (SQS `messageId`, SNS `MessageId`,
   * EventBridge and schedule `id`, S3 bucket + key + `sequencer`, Kinesis and DynamoDB Streams `eventID`), and for
   * HTTP the `Idempotency-Key` header. An empty or undefined key is refused, never shared.
   */
  readonly key?: (request: Request) => string | undefined
  /**
   * What must be the same for a duplicate to get the stored result (else `IdempotencyPayloadMismatchError`, 422):
   * its hash is stored with the record. Default: for HTTP the method, path, query (in any order), content type and
   * body; nothing for other sources, whose keys are their events' own ids. `false`: never compare.
   */
  readonly payload?: false | ((request: Request) => unknown)
  /**
   * Whose key it is: a key is the caller's own, so another caller who sends the same key runs their own request.
   * Default: the principal the front door authenticated (a JWT's issuer and subject, an IAM ARN, a Lambda
   * authorizer's principal, a Cognito identity), none where the event names none. A function names another scope
   * (a tenant, an API key id; undefined: none for that request); `false` shares keys between all callers.
   */
  readonly caller?: false | ((request: Request) => string | undefined)
}

// Pure (a spread is not, to a bundler): a bundle without this function drops the list.
const optionKeys: readonly string[] = /* @__PURE__ */ (storeOptionKeys as readonly string[]).concat(
  'key',
  'payload',
  'caller',
)

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
  const settings = settingsOf('idempotent()', options, optionKeys)
  const { key: keyOption, payload: payloadOption } = options
  if (keyOption !== undefined && typeof keyOption !== 'function') {
    throw new InvalidOptionError('idempotent()', 'key', 'a function of the request', keyOption)
  }
  if (payloadOption !== undefined && payloadOption !== false && typeof payloadOption !== 'function') {
    throw new InvalidOptionError(
      'idempotent()',
      'payload',
      'false or a function of the request',
      payloadOption,
    )
  }
  const { caller: callerOption } = options
  if (callerOption !== undefined && callerOption !== false && typeof callerOption !== 'function') {
    throw new InvalidOptionError('idempotent()', 'caller', 'false or a function of the request', callerOption)
  }
  const keyOf = keyOption === undefined ? defaultKeyOf : (request: Request) => checkedKey(keyOption(request))
  const payloadOf = payloadOption === false ? undefined : (payloadOption ?? defaultPayloadOf)
  const callerOf =
    callerOption === false
      ? undefined
      : callerOption === undefined
        ? defaultCallerOf
        : (request: Request) => checkedCaller(callerOption(request))

  const { store } = settings
  return middleware<Request>({
    name: 'idempotent',
    // Loads the SDK and makes the client at cold start, beside the other middlewares' inits.
    ...(store.warm === undefined ? {} : { init: () => store.warm?.() }),
    handle(request, next) {
      const key = keyOf(request)
      const payload = payloadOf?.(request)
      return runOnce(
        settings,
        {
          scope: request.context.functionName ?? 'local',
          caller: callerOf?.(request),
          key,
          payloadHash: payload === undefined ? undefined : payloadHashOf(payload),
          deadlineAtMs: request.deadlineAtMs,
          signal: request.signal,
          log: (request as { log?: unknown }).log,
          context: request.context,
          recordId: request.recordId,
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
