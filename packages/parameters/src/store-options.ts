import { checkOptionKeys, InvalidOptionError } from '@tsumiki/core'
import type { AwsClientConfig, AwsClientLike } from './aws-client.js'
import { checkDuration } from './check-max-age.js'
import type { ParameterDefinitions } from './definition.js'
import { extensionTransport, type LambdaExtensionOptions } from './extension-transport.js'
import { sdkTransport } from './sdk-transport.js'
import type { ParameterTransport } from './transport.js'
import type { WarningLog } from './warning-log.js'

export interface ParameterStoreOptions {
  /** How long a value is served from memory before it is read again. Default 300,000 (5 minutes). */
  readonly maxAgeMs?: number
  /**
   * After `maxAgeMs`: `background` (default) serves the value it has and reads a new one behind it, so no
   * invocation waits on SSM; `blocking` waits for the new value.
   */
  readonly refresh?: 'background' | 'blocking'
  /**
   * `background` only: how long past `maxAgeMs` a value is still served while its refresh runs. Default: the
   * value's `maxAgeMs` (so at most twice that old). Past it, as after a long idle spell, the invocation waits.
   */
  readonly staleWhileRefreshMs?: number
  /**
   * When a refresh fails, a value younger than `maxAgeMs + staleIfErrorMs` is still served, with a warning. Past
   * that (and by default, 0) the failure is a `ParameterError`.
   */
  readonly staleIfErrorMs?: number
  /** An SSM client of yours (any `send(command, { abortSignal })`). Default: one made on first use. */
  readonly ssmClient?: AwsClientLike
  /** A Secrets Manager client of yours. Default: one made on first use. */
  readonly secretsManagerClient?: AwsClientLike
  /** Settings for the clients made here (region, endpoint, credentials, maxAttempts). */
  readonly clientConfig?: AwsClientConfig
  /** Read through the AWS Parameters and Secrets Lambda Extension instead of the SDK (no `ssmPath()` then). */
  readonly lambdaExtension?: boolean | LambdaExtensionOptions
  /** Where warnings go when the request has no `log`. Default: a JSON line on stdout. */
  readonly logger?: WarningLog
  /** The clock, for tests. Default `Date.now`. */
  readonly now?: () => number
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

const storeOptionKeys = [
  'maxAgeMs',
  'refresh',
  'staleWhileRefreshMs',
  'staleIfErrorMs',
  'ssmClient',
  'secretsManagerClient',
  'clientConfig',
  'lambdaExtension',
  'logger',
  'now',
] as const

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
      'an object of ssm(), secret() and ssmPath() definitions',
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
        'a definition made by ssm(), secret() or ssmPath()',
        definition,
      )
    }
  }
  checkOptionKeys(where, options, storeOptionKeys)
  const refresh = options.refresh ?? 'background'
  if (refresh !== 'background' && refresh !== 'blocking') {
    throw new InvalidOptionError(where, 'refresh', "'background' or 'blocking'", refresh)
  }
  for (const key of ['ssmClient', 'secretsManagerClient'] as const) {
    const client = options[key]
    if (client !== undefined && typeof (client as { send?: unknown }).send !== 'function') {
      throw new InvalidOptionError(where, key, 'an AWS SDK v3 client (with send())', client)
    }
  }
  if (options.now !== undefined && typeof options.now !== 'function') {
    throw new InvalidOptionError(where, 'now', 'a function returning epoch milliseconds', options.now)
  }
  const extension = options.lambdaExtension
  if (
    extension !== undefined &&
    typeof extension !== 'boolean' &&
    (typeof extension !== 'object' || extension === null)
  ) {
    throw new InvalidOptionError(where, 'lambdaExtension', 'true, false or { port, token, host }', extension)
  }
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
  return {
    maxAgeMs: checkDuration(where, 'maxAgeMs', options.maxAgeMs) ?? defaultMaxAgeMs,
    refresh,
    staleWhileRefreshMs: checkDuration(where, 'staleWhileRefreshMs', options.staleWhileRefreshMs),
    staleIfErrorMs: checkDuration(where, 'staleIfErrorMs', options.staleIfErrorMs) ?? 0,
    transport:
      extension === undefined || extension === false
        ? sdkTransport(options)
        : extensionTransport(extension === true ? {} : extension),
    logger: options.logger,
    now: options.now ?? Date.now,
  }
}
