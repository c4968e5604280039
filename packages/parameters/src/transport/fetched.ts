import type { AwsClientConfig, AwsClientLike } from './aws-client.js'

/** SSM parameter types, as SSM reports them. */
export type SsmParameterType = 'String' | 'StringList' | 'SecureString'

/** One SSM parameter as a transport fetched it. */
export interface FetchedParameter {
  readonly name: string
  readonly value: string
  readonly type: SsmParameterType
}

/** One secret's current version as a transport fetched it: a string or bytes. */
export interface FetchedSecret {
  readonly id: string
  readonly text: string | undefined
  readonly binary: Uint8Array | undefined
}

/** Reads AppConfig configurations for one store: AppConfig Data sessions, or the Lambda extension. */
export interface AppConfigReader {
  getConfiguration(
    target: AppConfigTarget,
    call: { readonly signal?: AbortSignal },
  ): Promise<FetchedConfiguration | undefined>
}

/** What the AppConfig Data reader of a store is made with: the store's client options and clock. */
export interface AppConfigSessionOptions {
  readonly appConfigDataClient?: AwsClientLike | undefined
  readonly clientConfig?: AwsClientConfig | undefined
  readonly now: () => number
}

/** An AppConfig configuration's place: application, environment and configuration profile (names or ids). */
export interface AppConfigTarget {
  readonly application: string
  readonly environment: string
  readonly profile: string
  /** The session's `RequiredMinimumPollIntervalInSeconds`; undefined: the service's default (60). */
  readonly pollIntervalSeconds: number | undefined
  /**
   * Makes a store's AppConfig Data reader. Carried by the definition so that only a function that calls
   * `appConfig()` references the session code and, through it, `@aws-sdk/client-appconfigdata`: a bundler that
   * inlines the SDK module's `import()` turns it into a static import of the client.
   */
  readonly sessions: (options: AppConfigSessionOptions) => AppConfigReader
}

/** An AppConfig configuration as deployed: its text and the content type it was deployed with. */
export interface FetchedConfiguration {
  readonly text: string
  readonly contentType: string | undefined
}

/** What a definition turns into its value. */
export type Fetched =
  | { readonly source: 'ssm'; readonly parameter: FetchedParameter }
  | { readonly source: 'secret'; readonly secret: FetchedSecret }
  | { readonly source: 'ssmPath'; readonly parameters: readonly FetchedParameter[] }
  | { readonly source: 'appConfig'; readonly configuration: FetchedConfiguration }
