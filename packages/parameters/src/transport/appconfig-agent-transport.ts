import type { AppConfigReader } from './fetched.js'

/** Where the AWS AppConfig Lambda extension (or the AppConfig agent) listens. */
export interface AppConfigExtensionOptions {
  /** Default: `AWS_APPCONFIG_EXTENSION_HTTP_PORT`, else 2772. */
  readonly port?: number | undefined
  /** Default `localhost`. */
  readonly host?: string | undefined
}

const defaultAgentPort = 2772

/**
 * Reads AppConfig through the AppConfig Lambda extension's local HTTP endpoint, which keeps the session and polls
 * AppConfig on its own schedule: one `GET /applications/{app}/environments/{env}/configurations/{profile}` a read.
 */
export function appConfigAgentTransport(options: AppConfigExtensionOptions): AppConfigReader {
  const port = options.port ?? (Number(process.env.AWS_APPCONFIG_EXTENSION_HTTP_PORT) || defaultAgentPort)
  const base = `http://${options.host ?? 'localhost'}:${port}`
  return {
    async getConfiguration(target, call) {
      const path = [target.application, target.environment, target.profile].map(encodeURIComponent)
      const response = await fetch(
        `${base}/applications/${path[0]}/environments/${path[1]}/configurations/${path[2]}`,
        call.signal === undefined ? {} : { signal: call.signal },
      )
      const text = await response.text()
      if (response.status === 404) return undefined
      if (!response.ok) {
        throw new Error(`The AppConfig Lambda extension answered ${response.status} ${response.statusText}`)
      }
      return { text, contentType: response.headers.get('content-type') ?? undefined }
    },
  }
}
