import type { FetchedParameter, FetchedSecret, SsmParameterType } from './fetched.js'
import type { FoundAndMissing, ParameterTransport } from './transport.js'

/** Where the AWS Parameters and Secrets Lambda Extension listens, and the token it wants. */
export interface LambdaExtensionOptions {
  /** Default: `PARAMETERS_SECRETS_EXTENSION_HTTP_PORT`, else 2773. */
  readonly port?: number | undefined
  /** Default: `AWS_SESSION_TOKEN`, read at each call. */
  readonly token?: string | undefined
  /** Default `localhost`. */
  readonly host?: string | undefined
}

const defaultExtensionPort = 2773

/**
 * Reads through the Parameters and Secrets Lambda Extension's local HTTP endpoint (which keeps its own cache).
 * It answers one name per request, so a chunk's names are asked in parallel; it has no GetParametersByPath.
 */
export function extensionTransport(options: LambdaExtensionOptions): ParameterTransport {
  const port =
    options.port ?? (Number(process.env.PARAMETERS_SECRETS_EXTENSION_HTTP_PORT) || defaultExtensionPort)
  const base = `http://${options.host ?? 'localhost'}:${port}`

  async function getJson(path: string, signal: AbortSignal | undefined): Promise<unknown | undefined> {
    const token = options.token ?? process.env.AWS_SESSION_TOKEN ?? ''
    const response = await fetch(`${base}${path}`, {
      headers: { 'X-Aws-Parameters-Secrets-Token': token },
      ...(signal === undefined ? {} : { signal }),
    })
    const text = await response.text()
    if (response.ok) return JSON.parse(text) as unknown
    // The extension passes on the service's error name in its answer text; its value is never in there.
    if (/ParameterNotFound|ResourceNotFoundException/.test(text)) return undefined
    throw new Error(
      `The Parameters and Secrets Lambda Extension answered ${response.status} ${response.statusText}`,
    )
  }

  return {
    async getParameters(names, decrypt, call) {
      const found = new Map<string, FetchedParameter>()
      const missing: string[] = []
      await Promise.all(
        names.map(async (name) => {
          const query = `name=${encodeURIComponent(name)}&withDecryption=${decrypt}`
          const answer = (await getJson(`/systemsmanager/parameters/get?${query}`, call.signal)) as
            | { Parameter?: { Name?: string; Value?: string; Type?: string } }
            | undefined
          const parameter = answer?.Parameter
          if (parameter?.Value === undefined) missing.push(name)
          else
            found.set(name, {
              name,
              value: parameter.Value,
              type: (parameter.Type ?? 'String') as SsmParameterType,
            })
        }),
      )
      return { found, missing }
    },

    async getParametersByPath(path) {
      throw new Error(
        `The Parameters and Secrets Lambda Extension cannot read a path (${path}): use the SDK for ssmPath()`,
      )
    },

    async getSecrets(ids, call): Promise<FoundAndMissing<FetchedSecret>> {
      const found = new Map<string, FetchedSecret>()
      const missing: string[] = []
      await Promise.all(
        ids.map(async (id) => {
          const answer = (await getJson(
            `/secretsmanager/get?secretId=${encodeURIComponent(id)}`,
            call.signal,
          )) as { SecretString?: string; SecretBinary?: string } | undefined
          if (answer === undefined) missing.push(id)
          else {
            found.set(id, {
              id,
              text: answer.SecretString ?? undefined,
              binary:
                answer.SecretBinary === undefined ? undefined : Buffer.from(answer.SecretBinary, 'base64'),
            })
          }
        }),
      )
      return { found, missing }
    },
  }
}
