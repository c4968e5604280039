import type { LocalInvocation } from '@tsumiki/testing/runtime'
import type { DemoFunction } from './functions.js'
import type { InvocationRecord } from './step.js'

/** Invokes one environment with an event and keeps what the timeline shows of it. */
export async function recordInvocation(
  fn: DemoFunction,
  request: string,
  event: unknown,
  render: (invocation: LocalInvocation) => string,
): Promise<InvocationRecord> {
  const invocation = await fn.runtime.invoke(event)
  const answer =
    invocation.error !== undefined
      ? `error ${invocation.error.errorType}: ${invocation.error.errorMessage}`
      : render(invocation)
  return { functionLabel: fn.label, request, invocation, answer }
}
