import type { Context } from 'aws-lambda'
import type { Adapter } from '../../engine/adapter.js'
import type { Invocation } from '../../engine/invocation.js'
import { reportUnhandledError } from '../../errors/error-report.js'
import { isHttpError } from '../../errors/http-error.js'
import { InvalidEventError } from '../../errors/invalid-event-error.js'
import { type AppSyncBatchItem, errorItemOf, thrownErrorOf } from './appsync-answer.js'
import { type AppSyncEvent, type AppSyncRequest, AppSyncRequestObject } from './appsync-request.js'

/**
 * A direct Lambda resolver: one field's event (`Invoke`) answers with the handler's result, or throws what AppSync
 * shows as the field's error; a list of them (`BatchInvoke`) answers with one item per field, in order.
 */
export type AppSyncHandler<TArguments = Record<string, unknown>, TSource = Record<string, unknown> | null> = (
  event: AppSyncEvent<TArguments, TSource> | AppSyncEvent<TArguments, TSource>[],
  context: Context,
) => Promise<unknown>

/**
 * AppSync direct Lambda resolvers. `Invoke`: the chain runs once and its result is the field's value; an error is
 * thrown as AppSync's `errorType` / `errorMessage` (an `AppSyncError` as it is, a 4xx `HttpError` by its type,
 * anything else `InternalFailure`, logged whole). `BatchInvoke` (the event is a list): the chain runs once per field,
 * one after another, and the answer is `{ data }` or `{ data, errorType, errorMessage, errorInfo? }` per field, in
 * the event's order: a failure fails only its own item. Route fields with `resolvers()`.
 */
export function appSync<
  TArguments = Record<string, unknown>,
  TSource = Record<string, unknown> | null,
>(): Adapter<AppSyncRequest<TArguments, TSource>, AppSyncHandler<TArguments, TSource>> {
  return {
    name: 'appsync',
    run: (event, invocation, chain) =>
      Array.isArray(event) ? runBatch(event, invocation, chain) : runOne(event, invocation, chain),
  }
}

type AppSyncChain<TArguments, TSource> = (request: AppSyncRequest<TArguments, TSource>) => unknown

async function runOne<TArguments, TSource>(
  event: AppSyncEvent<TArguments, TSource>,
  invocation: Invocation,
  chain: AppSyncChain<TArguments, TSource>,
): Promise<unknown> {
  if (typeof event !== 'object' || event === null)
    throw new InvalidEventError('appsync', 'it is not an object')
  const request = new AppSyncRequestObject(invocation, event, event, undefined)
  try {
    return await chain(request)
  } catch (error) {
    throw thrownErrorOf(reported(error, request, invocation), error)
  }
}

async function runBatch<TArguments, TSource>(
  event: AppSyncEvent<TArguments, TSource>[],
  invocation: Invocation,
  chain: AppSyncChain<TArguments, TSource>,
): Promise<AppSyncBatchItem[]> {
  // Every item is read before any runs: a list AppSync did not send is refused whole, not half answered.
  const requests = event.map((item, index) => {
    if (typeof item !== 'object' || item === null) {
      throw new InvalidEventError('appsync', `BatchInvoke item ${index} is not an object`)
    }
    return new AppSyncRequestObject(invocation, event, item, index)
  })
  const answers: AppSyncBatchItem[] = []
  for (const request of requests) {
    try {
      answers.push({ data: (await chain(request)) ?? null })
    } catch (error) {
      answers.push(reported(error, request, invocation))
    }
  }
  return answers
}

/** The client's view of an error, the error logged once (unless the logger middleware did) when it is not an answer. */
function reported(error: unknown, request: AppSyncRequest<unknown, unknown>, invocation: Invocation) {
  const item = errorItemOf(error)
  if (!(isHttpError(error) && error.status < 500)) {
    reportUnhandledError(error, invocation.context, 'AppSync resolver failed', request, {
      field: request.field,
      ...(request.recordId === undefined ? {} : { record_id: request.recordId }),
    })
  }
  return item
}
