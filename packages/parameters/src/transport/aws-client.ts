/**
 * What tsumiki needs of an AWS SDK v3 client: `send(command, { abortSignal })`. An `SSMClient` or
 * `SecretsManagerClient` you made (or one wrapped by `aws-sdk-client-mock`) fits; the SDK's types are not needed.
 */
export interface AwsClientLike {
  send(command: object, options?: { abortSignal?: AbortSignal }): Promise<unknown>
}

/** Settings for the clients tsumiki creates when none is given (region and credentials default as the SDK's do). */
export interface AwsClientConfig {
  readonly region?: string | undefined
  readonly endpoint?: string | undefined
  readonly credentials?:
    | {
        readonly accessKeyId: string
        readonly secretAccessKey: string
        readonly sessionToken?: string | undefined
      }
    | undefined
  readonly maxAttempts?: number | undefined
}
