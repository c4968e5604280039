import { awsClientMade, importOptionalPeer } from '@tsumiki/core'
import type { AwsClientLike } from './aws-client.js'
import type { AppConfigReader, AppConfigSessionOptions, FetchedConfiguration } from './fetched.js'
import type { TransportCallOptions } from './transport.js'

type AppConfigModule = typeof import('./appconfig-sdk.js')

interface Session {
  /** The token for the next GetLatestConfiguration; each is used once. */
  token: string | undefined
  tokenIssuedAtMs: number
  /** The service's minimum poll interval: no call before this time. */
  nextPollAtMs: number
  /** The last configuration the service sent: what an empty ("no change") answer means. */
  last: FetchedConfiguration | undefined
  /** The poll in progress, joined by a second reader of the same configuration (a token cannot be used twice). */
  polling: Promise<FetchedConfiguration | undefined> | undefined
}

/** Tokens live 24 hours; one a minute short of that is not risked. */
const tokenLifetimeMs = 24 * 60 * 60 * 1000 - 60_000

/**
 * Reads AppConfig through the AppConfig Data API: one `StartConfigurationSession` per configuration, then
 * `GetLatestConfiguration` with the token the last answer gave, never sooner than the interval it named (before
 * that, the configuration already received is the answer, with no call); an empty answer means "no change". A
 * token refused or expired starts a new session (once per read); any other failure drops the session, since whether
 * its token was used is unknown.
 */
export function appConfigSessionTransport(options: AppConfigSessionOptions): AppConfigReader {
  const sessions = new Map<string, Session>()
  let loading: Promise<{ module: AppConfigModule; client: AwsClientLike }> | undefined
  const load = () => {
    loading ??= importOptionalPeer(
      '@aws-sdk/client-appconfigdata',
      'Reading AppConfig configurations',
      (): Promise<AppConfigModule> => import('./appconfig-sdk.js'),
    ).then(
      (module) => ({
        module,
        client:
          options.appConfigDataClient ??
          awsClientMade(new module.AppConfigDataClient({ ...options.clientConfig }) as AwsClientLike),
      }),
      (error: unknown) => {
        loading = undefined
        throw error
      },
    )
    return loading
  }

  async function poll(
    session: Session,
    target: Parameters<AppConfigReader['getConfiguration']>[0],
    call: TransportCallOptions,
  ): Promise<FetchedConfiguration | undefined> {
    const { module, client } = await load()
    const abort = call.signal === undefined ? {} : { abortSignal: call.signal }
    for (let attempt = 0; ; attempt++) {
      let started = false
      try {
        if (session.token === undefined || options.now() - session.tokenIssuedAtMs >= tokenLifetimeMs) {
          const answer = (await client.send(
            new module.StartConfigurationSessionCommand({
              ApplicationIdentifier: target.application,
              EnvironmentIdentifier: target.environment,
              ConfigurationProfileIdentifier: target.profile,
              ...(target.pollIntervalSeconds === undefined
                ? {}
                : { RequiredMinimumPollIntervalInSeconds: target.pollIntervalSeconds }),
            }),
            abort,
          )) as { InitialConfigurationToken?: string }
          session.token = answer.InitialConfigurationToken
          session.tokenIssuedAtMs = options.now()
          started = true
        }
        const token = session.token
        session.token = undefined
        const answer = (await client.send(
          new module.GetLatestConfigurationCommand({ ConfigurationToken: token }),
          abort,
        )) as {
          NextPollConfigurationToken?: string
          NextPollIntervalInSeconds?: number
          ContentType?: string
          /** Null (not undefined) when the answer's body is empty: "no change". */
          Configuration?: Uint8Array | null
        }
        const nowMs = options.now()
        session.token = answer.NextPollConfigurationToken
        session.tokenIssuedAtMs = nowMs
        session.nextPollAtMs = nowMs + (answer.NextPollIntervalInSeconds ?? 0) * 1000
        const bytes = answer.Configuration
        if (bytes !== undefined && bytes !== null && bytes.length > 0) {
          session.last = {
            text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'),
            contentType: answer.ContentType,
          }
        }
        if (session.last === undefined)
          throw new Error('AppConfig answered no configuration to a new session')
        return session.last
      } catch (error) {
        session.token = undefined
        const name = errorName(error)
        if (name === 'ResourceNotFoundException') return undefined
        // An expired or refused token: a new session, once (a refusal of a new session's token is not retried).
        if (name === 'BadRequestException' && !started && attempt === 0) continue
        throw error
      }
    }
  }

  return {
    getConfiguration(target, call) {
      const key = `${target.application}/${target.environment}/${target.profile}`
      let session = sessions.get(key)
      if (session === undefined) {
        session = {
          token: undefined,
          tokenIssuedAtMs: 0,
          nextPollAtMs: 0,
          last: undefined,
          polling: undefined,
        }
        sessions.set(key, session)
      }
      if (session.polling !== undefined) return session.polling
      if (session.last !== undefined && options.now() < session.nextPollAtMs)
        return Promise.resolve(session.last)
      const current = session
      const polling = poll(current, target, call).finally(() => {
        current.polling = undefined
      })
      current.polling = polling
      return polling
    },
  }
}

function errorName(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null ? (error as { name?: string }).name : undefined
}
