import { type InvocationRequest, invocationOf, type SignalArguments } from '@tsumiki/core'

/**
 * A middleware that registers one signal observer per invocation, as metrics() does, and hands `receive` each signal
 * with the request id of the invocation it was delivered to: what the packages' signal tests read.
 */
export function observingSignals(receive: (signal: SignalArguments, awsRequestId: string) => void) {
  const key = Symbol('observing')
  return {
    name: 'observing',
    handle(request: InvocationRequest, next: () => unknown) {
      const invocation = invocationOf(request)
      const awsRequestId = request.context.awsRequestId
      invocation?.local(key, () => invocation.observe((...signal) => receive(signal, awsRequestId)))
      return next()
    },
  }
}
