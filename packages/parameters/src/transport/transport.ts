import type { AppConfigTarget, FetchedConfiguration, FetchedParameter, FetchedSecret } from './fetched.js'

/** What a transport found among the names it was asked for; the rest are in `missing`. */
export interface FoundAndMissing<Value> {
  readonly found: ReadonlyMap<string, Value>
  readonly missing: readonly string[]
  /** Names that failed on their own (a batch answer's per-secret errors), with a detail safe to log. */
  readonly failed?: ReadonlyMap<string, string>
}

export interface TransportCallOptions {
  readonly signal?: AbortSignal
}

/**
 * How parameters and secrets are read: through the AWS SDK clients or through the Parameters and Secrets Lambda
 * Extension. Knows calls and pages, nothing of caching. One call each: the store decides batching and parallelism.
 */
export interface ParameterTransport {
  /** At most 10 names (one GetParameters call). */
  getParameters(
    names: readonly string[],
    decrypt: boolean,
    options: TransportCallOptions,
  ): Promise<FoundAndMissing<FetchedParameter>>
  /** Every parameter under the path, following NextToken. */
  getParametersByPath(
    path: string,
    recursive: boolean,
    decrypt: boolean,
    options: TransportCallOptions,
  ): Promise<readonly FetchedParameter[]>
  /** At most 20 ids (one BatchGetSecretValue call where the transport has it). */
  getSecrets(ids: readonly string[], options: TransportCallOptions): Promise<FoundAndMissing<FetchedSecret>>
  /** An AppConfig configuration (undefined when it does not exist); absent: this transport cannot read AppConfig. */
  getConfiguration?(
    target: AppConfigTarget,
    options: TransportCallOptions,
  ): Promise<FetchedConfiguration | undefined>
}

/** GetParameters takes at most 10 names; BatchGetSecretValue at most 20 ids. */
export const maxNamesPerGetParameters = 10
export const maxIdsPerSecretBatch = 20
