import { awsClientMade, importOptionalPeer } from '@tsumiki/core'
import type { AwsClientConfig, AwsClientLike } from './aws-client.js'
import type { FetchedParameter, FetchedSecret, SsmParameterType } from './fetched.js'
import type { FoundAndMissing, ParameterTransport, TransportCallOptions } from './transport.js'

export interface SdkTransportOptions {
  readonly ssmClient?: AwsClientLike | undefined
  readonly secretsManagerClient?: AwsClientLike | undefined
  readonly clientConfig?: AwsClientConfig | undefined
}

type SsmModule = typeof import('./ssm-sdk.js')
type SecretsManagerModule = typeof import('./secrets-manager-sdk.js')

interface Loaded<Module> {
  readonly client: AwsClientLike
  readonly module: Module
}

interface SsmParameterShape {
  readonly Name?: string
  readonly Value?: string
  readonly Type?: string
  readonly ARN?: string
  /** `:3` or `:label` when the name asked for a version or a label. */
  readonly Selector?: string
}

interface SecretValueShape {
  readonly Name?: string
  readonly ARN?: string
  readonly SecretString?: string
  readonly SecretBinary?: Uint8Array
}

/**
 * Reads through the AWS SDK v3 clients. `@aws-sdk/client-ssm` and `@aws-sdk/client-secrets-manager` are loaded
 * with `import()` (through ssm-sdk.ts and secrets-manager-sdk.ts, which name what is used) the first time each is
 * needed, so a function that reads only secrets never loads the SSM client.
 */
export function sdkTransport(options: SdkTransportOptions): ParameterTransport {
  const loadSsm = loadOnce(
    '@aws-sdk/client-ssm',
    'Reading SSM parameters',
    (): Promise<SsmModule> => import('./ssm-sdk.js'),
    (module) =>
      options.ssmClient ?? awsClientMade(new module.SSMClient({ ...options.clientConfig }) as AwsClientLike),
  )
  const loadSecretsManager = loadOnce(
    '@aws-sdk/client-secrets-manager',
    'Reading Secrets Manager secrets',
    (): Promise<SecretsManagerModule> => import('./secrets-manager-sdk.js'),
    (module) =>
      options.secretsManagerClient ??
      awsClientMade(new module.SecretsManagerClient({ ...options.clientConfig }) as AwsClientLike),
  )
  // Set when IAM allows GetSecretValue but not BatchGetSecretValue: from then on secrets are read one by one.
  let batchDenied = false

  async function getSecretOneByOne(
    loaded: Loaded<SecretsManagerModule>,
    ids: readonly string[],
    call: TransportCallOptions,
  ): Promise<FoundAndMissing<FetchedSecret>> {
    const found = new Map<string, FetchedSecret>()
    const missing: string[] = []
    await Promise.all(
      ids.map(async (id) => {
        try {
          const answer = (await loaded.client.send(
            new loaded.module.GetSecretValueCommand({ SecretId: id }),
            abortOptions(call),
          )) as SecretValueShape
          found.set(id, { id, text: answer.SecretString, binary: answer.SecretBinary })
        } catch (error) {
          if (errorName(error) === 'ResourceNotFoundException') missing.push(id)
          else throw error
        }
      }),
    )
    return { found, missing }
  }

  return {
    async getParameters(names, decrypt, call) {
      const { client, module } = await loadSsm()
      const answer = (await client.send(
        new module.GetParametersCommand({ Names: [...names], WithDecryption: decrypt }),
        abortOptions(call),
      )) as { Parameters?: SsmParameterShape[]; InvalidParameters?: string[] }
      const found = new Map<string, FetchedParameter>()
      for (const parameter of answer.Parameters ?? []) {
        const fetched = toFetchedParameter(parameter)
        // SSM answers with the bare name; the name asked for may have been an ARN or carried a version selector.
        const asked = names.find(
          (name) =>
            name === parameter.Name ||
            name === parameter.ARN ||
            (parameter.Selector !== undefined && name === `${parameter.Name}${parameter.Selector}`),
        )
        if (fetched !== undefined && asked !== undefined) found.set(asked, { ...fetched, name: asked })
      }
      return { found, missing: names.filter((name) => !found.has(name)) }
    },

    async getParametersByPath(path, recursive, decrypt, call) {
      const { client, module } = await loadSsm()
      const parameters: FetchedParameter[] = []
      let nextToken: string | undefined
      do {
        const page = (await client.send(
          new module.GetParametersByPathCommand({
            Path: path,
            Recursive: recursive,
            WithDecryption: decrypt,
            MaxResults: 10,
            NextToken: nextToken,
          }),
          abortOptions(call),
        )) as { Parameters?: SsmParameterShape[]; NextToken?: string }
        for (const parameter of page.Parameters ?? []) {
          const fetched = toFetchedParameter(parameter)
          if (fetched !== undefined) parameters.push(fetched)
        }
        nextToken = page.NextToken
      } while (nextToken !== undefined && nextToken !== '')
      return parameters
    },

    async getSecrets(ids, call) {
      const loaded = await loadSecretsManager()
      if (ids.length === 1 || batchDenied) return getSecretOneByOne(loaded, ids, call)
      let answer: {
        SecretValues?: SecretValueShape[]
        Errors?: { SecretId?: string; ErrorCode?: string; Message?: string }[]
      }
      try {
        answer = (await loaded.client.send(
          new loaded.module.BatchGetSecretValueCommand({ SecretIdList: [...ids] }),
          abortOptions(call),
        )) as typeof answer
      } catch (error) {
        if (errorName(error) !== 'AccessDeniedException') throw error
        batchDenied = true
        return getSecretOneByOne(loaded, ids, call)
      }
      const found = new Map<string, FetchedSecret>()
      for (const value of answer.SecretValues ?? []) {
        // The answer names each secret by name and ARN; the request may have used either.
        const id = ids.find((wanted) => wanted === value.Name || wanted === value.ARN)
        if (id !== undefined) found.set(id, { id, text: value.SecretString, binary: value.SecretBinary })
      }
      const missing: string[] = []
      const failed = new Map<string, string>()
      for (const error of answer.Errors ?? []) {
        if (error.SecretId === undefined) continue
        if (error.ErrorCode === 'ResourceNotFoundException') missing.push(error.SecretId)
        else failed.set(error.SecretId, `${error.ErrorCode ?? 'Error'}: ${error.Message ?? 'no message'}`)
      }
      for (const id of ids) {
        if (!found.has(id) && !failed.has(id) && !missing.includes(id)) missing.push(id)
      }
      return { found, missing, failed }
    },
  }
}

/**
 * An SDK module and its client, loaded and made on first use and kept; a failure (the optional peer not installed:
 * a `MissingDependencyError` naming it) is not kept, so the next read tries again.
 */
function loadOnce<Module>(
  packageName: string,
  neededFor: string,
  importModule: () => Promise<Module>,
  makeClient: (module: Module) => AwsClientLike,
): () => Promise<Loaded<Module>> {
  let loading: Promise<Loaded<Module>> | undefined
  return () => {
    loading ??= importOptionalPeer(packageName, neededFor, importModule).then(
      (module) => ({ module, client: makeClient(module) }),
      (error: unknown) => {
        loading = undefined
        throw error
      },
    )
    return loading
  }
}

function abortOptions(call: TransportCallOptions): { abortSignal?: AbortSignal } {
  return call.signal === undefined ? {} : { abortSignal: call.signal }
}

function toFetchedParameter(parameter: SsmParameterShape): FetchedParameter | undefined {
  if (parameter.Name === undefined || parameter.Value === undefined) return undefined
  return {
    name: parameter.Name,
    value: parameter.Value,
    type: (parameter.Type ?? 'String') as SsmParameterType,
  }
}

function errorName(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null ? (error as { name?: string }).name : undefined
}
