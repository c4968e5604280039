import {
  aFunction,
  anObject,
  anyOf,
  aString,
  checkOptions,
  InvalidOptionError,
  milliseconds,
  nonEmptyString,
  oneOf,
  trueOrFalse,
  wholeNumber,
  withMethod,
} from '@tsumiki/core'
import type { ParameterDefinitions } from '../definitions/definition.js'
import {
  type AppConfigExtensionOptions,
  appConfigAgentTransport,
} from '../transport/appconfig-agent-transport.js'
import type { AwsClientConfig, AwsClientLike } from '../transport/aws-client.js'
import { extensionTransport, type LambdaExtensionOptions } from '../transport/extension-transport.js'
import type { AppConfigReader } from '../transport/fetched.js'
import { sdkTransport } from '../transport/sdk-transport.js'
import type { ParameterTransport } from '../transport/transport.js'
import type { WarningLog } from './warning-log.js'

export interface ParameterStoreOptions {
  /** How long a value is served from memory before it is read again. Default 300,000 (5 minutes). */
  readonly maxAgeMs?: number | undefined
  /**
   * After `maxAgeMs`: `background` (default) serves the value it has and reads a new one behind it, so no
   * invocation waits on SSM; `blocking` waits for the new value.
   */
  readonly refresh?: 'background' | 'blocking' | undefined
  /**
   * `background` only: how long past `maxAgeMs` a value is still served while its refresh runs. Default: the
   * value's `maxAgeMs` (so at most twice that old). Past it, as after a long idle spell, the invocation waits.
   */
  readonly staleWhileRefreshMs?: number | undefined
  /**
   * When a refresh fails, a value younger than `maxAgeMs + staleIfErrorMs` is still served, with a warning. Past
   * that (and by default, 0) the failure is a `ParameterError`.
   */
  readonly staleIfErrorMs?: number | undefined
  /** An SSM client of yours (any `send(command, { abortSignal })`). Default: one made on first use. */
  readonly ssmClient?: AwsClientLike | undefined
  /** A Secrets Manager client of yours. Default: one made on first use. */
  readonly secretsManagerClient?: AwsClientLike | undefined
  /** An AppConfig Data client of yours. Default: one made on first use. */
  readonly appConfigDataClient?: AwsClientLike | undefined
  /** Settings for the clients made here (region, endpoint, credentials, maxAttempts). */
  readonly clientConfig?: AwsClientConfig | undefined
  /** Read through the AWS Parameters and Secrets Lambda Extension instead of the SDK (no `ssmPath()` then). */
  readonly lambdaExtension?: boolean | LambdaExtensionOptions | undefined
  /**
   * Read `appConfig()` configurations through the AWS AppConfig Lambda extension (or agent) on `localhost:2772`
   * instead of the AppConfig Data API.
   */
  readonly appConfigExtension?: boolean | AppConfigExtensionOptions | undefined
  /** Where warnings go when the request has no `log`. Default: a JSON line on stdout. */
  readonly logger?: WarningLog | undefined
  /** The clock, for tests. Default `Date.now`. */
  readonly now?: (() => number) | undefined
}

export interface ResolvedStoreOptions {
  readonly maxAgeMs: number
  readonly refresh: 'background' | 'blocking'
  /** Undefined: each value's own `maxAgeMs`. */
  readonly staleWhileRefreshMs: number | undefined
  readonly staleIfErrorMs: number
  readonly transport: ParameterTransport
  /** Where warnings go when the request has no `log`; undefined: core's line. */
  readonly logger: WarningLog | undefined
  readonly now: () => number
}

const defaultMaxAgeMs = 300_000

/** Checks every option (a mistake is an `InvalidOptionError` at module load) and fills in the defaults. */
export function resolveStoreOptions(
  where: string,
  definitions: ParameterDefinitions,
  options: ParameterStoreOptions,
): ResolvedStoreOptions {
  if (typeof definitions !== 'object' || definitions === null || Array.isArray(definitions)) {
    throw new InvalidOptionError(
      where,
      'definitions',
      'an object of ssm(), secret(), ssmPath() and appConfig() definitions',
      definitions,
    )
  }
  for (const [key, definition] of Object.entries(definitions)) {
    if (key === 'refresh') {
      throw new InvalidOptionError(
        where,
        'refresh',
        'not a key of the definitions (params.refresh() is a method)',
        key,
      )
    }
    if (typeof definition !== 'object' || definition === null || typeof definition.convert !== 'function') {
      throw new InvalidOptionError(
        where,
        key,
        'a definition made by ssm(), secret(), ssmPath() or appConfig()',
        definition,
      )
    }
  }
  checkOptions<ParameterStoreOptions>(where, options, {
    maxAgeMs: milliseconds,
    refresh: oneOf('background', 'blocking'),
    staleWhileRefreshMs: milliseconds,
    staleIfErrorMs: milliseconds,
    ssmClient: withMethod('send'),
    secretsManagerClient: withMethod('send'),
    appConfigDataClient: withMethod('send'),
    clientConfig: anObject(),
    lambdaExtension: anyOf(
      trueOrFalse,
      anObject<LambdaExtensionOptions>({
        port: wholeNumber(1, 65_535),
        token: aString,
        host: nonEmptyString,
      }),
    ),
    appConfigExtension: anyOf(
      trueOrFalse,
      anObject<AppConfigExtensionOptions>({ port: wholeNumber(1, 65_535), host: nonEmptyString }),
    ),
    logger: withMethod('warn'),
    now: aFunction,
  })
  const refresh = options.refresh ?? 'background'
  const extension = options.lambdaExtension
  if (extension !== undefined && extension !== false) {
    const withPath = Object.values(definitions).find((definition) => definition.source === 'ssmPath')
    if (withPath !== undefined) {
      throw new InvalidOptionError(
        where,
        'lambdaExtension',
        `left out when reading a path (the extension cannot read ${withPath.name})`,
        extension,
      )
    }
  }
  const now = options.now ?? Date.now
  const parameterTransport =
    extension === undefined || extension === false
      ? sdkTransport(options)
      : extensionTransport(extension === true ? {} : extension)
  const appConfigExtension = options.appConfigExtension
  const agent =
    appConfigExtension === undefined || appConfigExtension === false
      ? undefined
      : appConfigAgentTransport(appConfigExtension === true ? {} : appConfigExtension)
  // Made on the first AppConfig read, from the definition: see AppConfigTarget.sessions.
  let sessions: AppConfigReader | undefined
  const getConfiguration: AppConfigReader['getConfiguration'] = (target, call) => {
    if (agent !== undefined) return agent.getConfiguration(target, call)
    sessions ??= target.sessions({ ...options, now })
    return sessions.getConfiguration(target, call)
  }
  return {
    maxAgeMs: options.maxAgeMs ?? defaultMaxAgeMs,
    refresh,
    staleWhileRefreshMs: options.staleWhileRefreshMs,
    staleIfErrorMs: options.staleIfErrorMs ?? 0,
    transport: { ...parameterTransport, getConfiguration },
    logger: options.logger,
    now,
  }
}
