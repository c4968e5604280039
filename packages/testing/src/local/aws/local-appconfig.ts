import { randomBytes } from 'node:crypto'
import { LocalAwsError, requireString } from '../../errors/local-aws-error.js'

/** Where a configuration lives in AppConfig: its application, environment and configuration profile (names). */
export interface LocalConfigurationTarget {
  readonly application: string
  readonly environment: string
  readonly profile: string
}

/**
 * A configuration given to `startLocalAws({ configurations })` or `setConfiguration()`: text as it is, or any other
 * value as JSON (`application/json`). `contentType` overrides the type the answer names.
 */
export interface LocalConfigurationInit extends LocalConfigurationTarget {
  readonly content: unknown
  readonly contentType?: string | undefined
}

interface StoredConfiguration {
  readonly bytes: Buffer
  readonly contentType: string
  readonly version: number
}

interface TokenState {
  readonly key: string
  readonly intervalSeconds: number
  readonly issuedAtMs: number
  /** The earliest time this token may be used; 0 for a session's first token. */
  readonly notBeforeMs: number
  /** The version the session last received; undefined before its first answer. */
  readonly seenVersion: number | undefined
}

/** What GetLatestConfiguration answers: headers and the body (empty when the session already has this version). */
export interface LatestConfigurationAnswer {
  readonly headers: Readonly<Record<string, string>>
  readonly body: Buffer
}

/** AppConfig sessions default to a 60 s poll interval and take 15 s to 24 h. */
const defaultIntervalSeconds = 60
const minIntervalSeconds = 15
const maxIntervalSeconds = 86_400
/** A configuration token is valid for 24 hours. */
const tokenLifetimeMs = 24 * 60 * 60 * 1000

/**
 * AppConfig Data in memory (the REST-JSON API the `@aws-sdk/client-appconfigdata` client calls), and the AppConfig
 * agent's local path. StartConfigurationSession gives a token; each GetLatestConfiguration takes the last token
 * (once: a token used again is refused, stricter than the service, which tolerates it), answers the configuration
 * or an empty body when the session has it already, a new token and the poll interval, and refuses a call before
 * that interval (`BadRequestException: Request too early`, as the service does) or with a token older than 24 h.
 */
export class LocalAppConfig {
  readonly #configurations = new Map<string, StoredConfiguration>()
  readonly #tokens = new Map<string, TokenState>()
  readonly #now: () => number
  #version = 0

  constructor(now: () => number) {
    this.#now = now
  }

  set(init: LocalConfigurationInit): void {
    const text = typeof init.content === 'string' ? init.content : JSON.stringify(init.content)
    this.#configurations.set(keyOf(init), {
      bytes: init.content instanceof Uint8Array ? Buffer.from(init.content) : Buffer.from(text, 'utf8'),
      contentType: init.contentType ?? (typeof init.content === 'string' ? 'text/plain' : 'application/json'),
      version: ++this.#version,
    })
  }

  delete(target: LocalConfigurationTarget): boolean {
    return this.#configurations.delete(keyOf(target))
  }

  startSession(input: Record<string, unknown>): unknown {
    const key = keyOf({
      application: requireString(input, 'ApplicationIdentifier'),
      environment: requireString(input, 'EnvironmentIdentifier'),
      profile: requireString(input, 'ConfigurationProfileIdentifier'),
    })
    const interval = input.RequiredMinimumPollIntervalInSeconds
    if (
      interval !== undefined &&
      (typeof interval !== 'number' ||
        !Number.isInteger(interval) ||
        interval < minIntervalSeconds ||
        interval > maxIntervalSeconds)
    ) {
      throw badRequest(
        `RequiredMinimumPollIntervalInSeconds must be a whole number from ${minIntervalSeconds} to ${maxIntervalSeconds}.`,
      )
    }
    if (!this.#configurations.has(key)) {
      throw new LocalAwsError('ResourceNotFoundException', `Configuration ${key} was not found.`, 404)
    }
    return {
      InitialConfigurationToken: this.#issue({
        key,
        intervalSeconds: (interval as number | undefined) ?? defaultIntervalSeconds,
        issuedAtMs: this.#now(),
        notBeforeMs: 0,
        seenVersion: undefined,
      }),
    }
  }

  getLatest(token: string | null): LatestConfigurationAnswer {
    if (token === null || token === '') throw badRequest('configuration_token is required.')
    const state = this.#tokens.get(token)
    if (state === undefined) throw badRequest('The configuration token is not valid (or was used already).')
    this.#tokens.delete(token)
    const nowMs = this.#now()
    if (nowMs - state.issuedAtMs >= tokenLifetimeMs) throw badRequest('The configuration token has expired.')
    if (nowMs < state.notBeforeMs) throw badRequest('Request too early')
    const configuration = this.#configurations.get(state.key)
    if (configuration === undefined) {
      throw new LocalAwsError('ResourceNotFoundException', `Configuration ${state.key} was not found.`, 404)
    }
    const unchanged = state.seenVersion === configuration.version
    const next = this.#issue({
      key: state.key,
      intervalSeconds: state.intervalSeconds,
      issuedAtMs: nowMs,
      notBeforeMs: nowMs + state.intervalSeconds * 1000,
      seenVersion: configuration.version,
    })
    return {
      headers: {
        'next-poll-configuration-token': next,
        'next-poll-interval-in-seconds': String(state.intervalSeconds),
        'content-type': configuration.contentType,
        ...(unchanged ? {} : { 'version-label': String(configuration.version) }),
      },
      body: unchanged ? Buffer.alloc(0) : configuration.bytes,
    }
  }

  /** The agent's `GET /applications/{app}/environments/{env}/configurations/{profile}`: the configuration as it is. */
  agentConfiguration(target: LocalConfigurationTarget): { contentType: string; body: Buffer } {
    const configuration = this.#configurations.get(keyOf(target))
    if (configuration === undefined) {
      throw new LocalAwsError(
        'ResourceNotFoundException',
        `Configuration ${keyOf(target)} was not found.`,
        404,
      )
    }
    return { contentType: configuration.contentType, body: configuration.bytes }
  }

  #issue(state: TokenState): string {
    const token = randomBytes(24).toString('base64url')
    this.#tokens.set(token, state)
    return token
  }
}

function keyOf(target: LocalConfigurationTarget): string {
  return `${target.application}/${target.environment}/${target.profile}`
}

function badRequest(message: string): LocalAwsError {
  return new LocalAwsError('BadRequestException', message)
}
