import type { ParameterDefinition } from '../definitions/definition.js'
import { isSensitiveParameter, registerSensitive } from '../definitions/register-sensitive.js'
import { isParameterError, type ParameterFailure } from '../errors/parameter-error.js'
import type { FetchedParameter, FetchedSecret } from '../transport/fetched.js'
import {
  type FoundAndMissing,
  maxIdsPerSecretBatch,
  maxNamesPerGetParameters,
  type ParameterTransport,
} from '../transport/transport.js'

/** What one definition's fetch came to: its value, or why not (never the value). */
export type Outcome =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly failures: readonly ParameterFailure[]; readonly cause?: unknown }

/**
 * Fetches several definitions at once, with as few calls as the APIs allow, all sent in parallel: SSM names in
 * GetParameters chunks of 10 (one chunk list per decrypt setting, each name asked once), each path with
 * GetParametersByPath, secrets in chunks of 20. Resolves each definition's outcome, in order; never rejects.
 */
export function fetchDefinitions(
  definitions: readonly ParameterDefinition<unknown>[],
  transport: ParameterTransport,
  signal: AbortSignal | undefined,
): Promise<Outcome>[] {
  const call = signal === undefined ? {} : { signal }
  const parameterChunks = new Map<string, Promise<FoundAndMissing<FetchedParameter>>>()
  for (const decrypt of [true, false]) {
    const names = unique(
      definitions.filter((d) => d.source === 'ssm' && d.decrypt === decrypt).map((d) => d.name),
    )
    for (const chunk of chunksOf(names, maxNamesPerGetParameters)) {
      const answer = transport.getParameters(chunk, decrypt, call)
      for (const name of chunk) parameterChunks.set(`${decrypt}:${name}`, answer)
    }
  }
  const secretChunks = new Map<string, Promise<FoundAndMissing<FetchedSecret>>>()
  const secretIds = unique(definitions.filter((d) => d.source === 'secret').map((d) => d.name))
  for (const chunk of chunksOf(secretIds, maxIdsPerSecretBatch)) {
    const answer = transport.getSecrets(chunk, call)
    for (const id of chunk) secretChunks.set(id, answer)
  }

  return definitions.map(async (definition): Promise<Outcome> => {
    const failure = (reason: ParameterFailure['reason'], detail: string, cause?: unknown): Outcome => ({
      ok: false,
      failures: [{ name: definition.name, source: definition.source, reason, detail }],
      cause,
    })
    try {
      switch (definition.source) {
        case 'ssm': {
          const answer = await parameterChunks.get(`${definition.decrypt}:${definition.name}`)
          const parameter = answer?.found.get(definition.name)
          if (parameter === undefined) return failure('not-found', 'not found')
          const sensitive = isSensitiveParameter(parameter) && definition.decrypt
          if (sensitive) registerSensitive(parameter.value)
          const value = await definition.convert({ source: 'ssm', parameter })
          if (sensitive) registerSensitive(parameter.value, value)
          return { ok: true, value }
        }
        case 'secret': {
          const answer = await secretChunks.get(definition.name)
          const failedDetail = answer?.failed?.get(definition.name)
          if (failedDetail !== undefined) return failure('fetch', failedDetail)
          const secret = answer?.found.get(definition.name)
          if (secret === undefined) return failure('not-found', 'not found')
          if (secret.text !== undefined) registerSensitive(secret.text)
          const value = await definition.convert({ source: 'secret', secret })
          if (secret.text !== undefined) registerSensitive(secret.text, value)
          return { ok: true, value }
        }
        case 'ssmPath': {
          const parameters = await transport.getParametersByPath(
            definition.name,
            definition.recursive,
            definition.decrypt,
            call,
          )
          for (const parameter of parameters) {
            if (isSensitiveParameter(parameter) && definition.decrypt) registerSensitive(parameter.value)
          }
          return { ok: true, value: await definition.convert({ source: 'ssmPath', parameters }) }
        }
        case 'appConfig': {
          if (definition.appConfig === undefined || transport.getConfiguration === undefined) {
            return failure('fetch', 'this transport cannot read AppConfig')
          }
          const configuration = await transport.getConfiguration(definition.appConfig, call)
          if (configuration === undefined) return failure('not-found', 'not found')
          return { ok: true, value: await definition.convert({ source: 'appConfig', configuration }) }
        }
      }
    } catch (error) {
      if (isParameterError(error)) return { ok: false, failures: error.failures }
      return failure('fetch', describeError(error), error)
    }
  })
}

function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`
  return String(error)
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)]
}

function chunksOf<Value>(values: readonly Value[], size: number): Value[][] {
  const chunks: Value[][] = []
  for (let start = 0; start < values.length; start += size) chunks.push(values.slice(start, start + size))
  return chunks
}
