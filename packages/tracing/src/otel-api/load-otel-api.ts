import { importOptionalPeer } from '@tsumiki/core'

/** The OpenTelemetry API, loaded by the first function that traces: a package without tracing never imports it. */
export type OtelApi = typeof import('@opentelemetry/api')

export function loadOtelApi(neededFor: string): Promise<OtelApi> {
  return importOptionalPeer('@opentelemetry/api', neededFor, () => import('@opentelemetry/api'))
}
