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

/** An AppConfig configuration's place: application, environment and configuration profile (names or ids). */
export interface AppConfigTarget {
  readonly application: string
  readonly environment: string
  readonly profile: string
  /** The session's `RequiredMinimumPollIntervalInSeconds`; undefined: the service's default (60). */
  readonly pollIntervalSeconds: number | undefined
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
