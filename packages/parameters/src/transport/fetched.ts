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

/** What a definition turns into its value. */
export type Fetched =
  | { readonly source: 'ssm'; readonly parameter: FetchedParameter }
  | { readonly source: 'secret'; readonly secret: FetchedSecret }
  | { readonly source: 'ssmPath'; readonly parameters: readonly FetchedParameter[] }
