import { LocalRuntimeError } from '../../errors/local-runtime-error.js'
import type { StreamCollector } from '../../invoke/streamed-response.js'
import { type FunctionSettings, invokeTimeoutMs } from './function-settings.js'
import { eventJson } from './invocation-outcome.js'
import type { InvokeOptions, LocalInvocation } from './local-runtime.js'
import type { SerialQueue } from './serial-queue.js'

/**
 * `invoke()` as both runtimes take it: the timeout and the event's JSON checked at once (a bad one rejects this call
 * only), then the invocation run after those before it, as one execution environment serves one at a time, unless
 * the runtime was stopped meanwhile.
 */
export function queueInvocation<Result>(
  queue: SerialQueue,
  settings: FunctionSettings,
  stopped: () => boolean,
  event: unknown,
  options: InvokeOptions | undefined,
  invokeNow: (json: string, timeoutMs: number) => Promise<LocalInvocation>,
): Promise<LocalInvocation<Result>> {
  try {
    const timeoutMs = invokeTimeoutMs(options, settings)
    const json = eventJson(event)
    return queue.run(() => {
      if (stopped())
        throw new LocalRuntimeError('RUNTIME_STOPPED', 'invoke() after stop(): start a new runtime.')
      return invokeNow(json, timeoutMs)
    }) as Promise<LocalInvocation<Result>>
  } catch (error) {
    return Promise.reject(error)
  }
}

/**
 * After a streamed invocation: a collector nothing was streamed to (the function answered without streaming, or
 * failed before it started) gets the answer or the error, so whoever reads it is not left waiting.
 */
export function closeCollector(collector: StreamCollector, invocation: LocalInvocation): LocalInvocation {
  if (invocation.error !== undefined) collector.end(invocation.error)
  else {
    collector.push(Buffer.from(JSON.stringify(invocation.result ?? null)))
    collector.end()
  }
  return invocation
}
