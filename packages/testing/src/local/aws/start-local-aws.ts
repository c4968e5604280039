import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import {
  aFunction,
  anObject,
  anyOf,
  aString,
  checkOptions,
  listOf,
  nonEmptyString,
  recordOf,
} from '@tsumiki/core'
import { defaultAccountId, defaultRegion } from '../../aws-values/aws-defaults.js'
import { LocalAwsError, unknownOperation } from '../../errors/local-aws-error.js'
import { Faults, type LocalAwsFault, type LocalAwsOperation } from './faults.js'
import {
  LocalAppConfig,
  type LocalConfigurationInit,
  type LocalConfigurationTarget,
} from './local-appconfig.js'
import type { LocalQueue, LocalQueueInit } from './local-queue.js'
import { type LocalSecretInit, LocalSecretsManager } from './local-secrets-manager.js'
import { LocalSqs } from './local-sqs.js'
import { type LocalParameterInit, type LocalParameterType, LocalSsm } from './local-ssm.js'

export interface LocalAwsOptions {
  /** SSM parameters by name: a value (type String) or `{ value, type }`. */
  readonly parameters?: Readonly<Record<string, LocalParameterInit>> | undefined
  /** Secrets Manager secrets by name: a string, or `{ binary }`. */
  readonly secrets?: Readonly<Record<string, LocalSecretInit>> | undefined
  /** SQS queues: names (a `.fifo` suffix makes a FIFO queue) or `{ name, contentBasedDeduplication }`. */
  readonly queues?: readonly LocalQueueInit[] | undefined
  /** AppConfig configurations, by application, environment and profile name. */
  readonly configurations?: readonly LocalConfigurationInit[] | undefined
  /** Default `us-east-1`. */
  readonly region?: string | undefined
  /** The clock for FIFO deduplication windows, visibility timeouts and dates. Default `Date.now`. */
  readonly now?: (() => number) | undefined
}

/** A running local endpoint. Point any SDK client at it with `{ endpoint, region, credentials }`. */
export interface LocalAws {
  /** `http://127.0.0.1:<port>`. */
  readonly endpoint: string
  readonly region: string
  /** Dummy credentials: the endpoint accepts any signature. */
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string }
  /** How many requests an operation received (all operations when none is named), faulted ones included. */
  calls(operation?: LocalAwsOperation): number
  /**
   * The most requests of an operation (of all, when none is named) that were being answered at the same time:
   * with some latency injected, 3 calls sent in parallel show 3, sent one after another 1.
   */
  peakConcurrency(operation?: LocalAwsOperation): number
  /** Sets the call counters and concurrency peaks back to 0. */
  resetCalls(): void
  /** A queue's URL and messages, for assertions. Throws for a queue that was not created. */
  queue(name: string): LocalQueue
  /** Creates a queue (or replaces one of that name, empty) after the start, and returns it. */
  createQueue(init: LocalQueueInit): LocalQueue
  /** Creates or replaces a parameter (its version goes up), e.g. to test a refresh. */
  setParameter(name: string, value: string, type?: LocalParameterType): void
  deleteParameter(name: string): void
  /** Creates a secret or stores its next version (a rotation). */
  setSecret(name: string, value: LocalSecretInit): void
  deleteSecret(name: string): void
  /**
   * Deploys a configuration (or its next version): sessions see it at their next poll, the agent path at once.
   * Text is served as it is (`text/plain`), any other value as JSON.
   */
  setConfiguration(
    target: LocalConfigurationTarget,
    content: unknown,
    options?: { readonly contentType?: string | undefined },
  ): void
  deleteConfiguration(target: LocalConfigurationTarget): void
  /** Adds a fault: error answers for an operation, or latency. Faults add up until `clearFaults()`. */
  inject(fault: LocalAwsFault): void
  clearFaults(): void
  /** Closes the server and its connections. */
  stop(): Promise<void>
}

const serviceByTargetPrefix: Readonly<Record<string, 'ssm' | 'secretsmanager' | 'sqs'>> = {
  AmazonSSM: 'ssm',
  secretsmanager: 'secretsmanager',
  AmazonSQS: 'sqs',
}

/**
 * Starts SSM Parameter Store, Secrets Manager, SQS and AppConfig Data on one HTTP server on a free loopback port,
 * speaking the AWS JSON protocols (1.1 for SSM and Secrets Manager, 1.0 for SQS) and AppConfig Data's REST-JSON
 * the real `@aws-sdk/client-*` clients use, and the AppConfig agent's local path. Signatures are not checked.
 * Errors are answered as AWS does: a status and `{ "__type", "message" }` (REST-JSON: the `x-amzn-errortype` header).
 */
export async function startLocalAws(options: LocalAwsOptions = {}): Promise<LocalAws> {
  checkOptions<LocalAwsOptions>('startLocalAws()', options, {
    parameters: recordOf(anyOf(aString, anObject())),
    secrets: recordOf(anyOf(aString, anObject())),
    queues: listOf(anyOf(aString, anObject())),
    configurations: listOf(anObject()),
    region: nonEmptyString,
    now: aFunction,
  })
  const region = options.region ?? defaultRegion
  const now = options.now ?? Date.now
  let endpoint = ''
  const ssm = new LocalSsm(region, defaultAccountId, now)
  const secretsManager = new LocalSecretsManager(region, defaultAccountId, now)
  const sqs = new LocalSqs(() => endpoint, defaultAccountId, now)
  const appConfig = new LocalAppConfig(now)
  const faults = new Faults()
  const callCounts = new Map<string, number>()
  const inFlight = new Map<string | undefined, number>()
  const peaks = new Map<string | undefined, number>()
  const enter = (key: string | undefined) => {
    const count = (inFlight.get(key) ?? 0) + 1
    inFlight.set(key, count)
    peaks.set(key, Math.max(peaks.get(key) ?? 0, count))
  }
  const leave = (key: string | undefined) => inFlight.set(key, (inFlight.get(key) ?? 1) - 1)

  for (const [name, init] of Object.entries(options.parameters ?? {})) ssm.set(name, init)
  for (const [name, init] of Object.entries(options.secrets ?? {})) secretsManager.set(name, init)
  for (const init of options.configurations ?? []) appConfig.set(init)

  /** AppConfig Data and the agent path: REST, routed by method and path rather than by X-Amz-Target. */
  async function answerRest(
    request: IncomingMessage,
    response: ServerResponse,
    operation: LocalAwsOperation,
    url: URL,
  ): Promise<void> {
    const body = await readBody(request)
    callCounts.set(operation, (callCounts.get(operation) ?? 0) + 1)
    enter(operation)
    enter(undefined)
    let status = 200
    let headers: Record<string, string> = {}
    let payload: Buffer
    try {
      const latencyMs = faults.latencyMs(operation)
      if (latencyMs > 0) await sleep(latencyMs)
      const injected = faults.takeError(operation)
      if (injected !== undefined) throw injected
      if (operation === 'StartConfigurationSession') {
        status = 201
        headers = { 'content-type': 'application/json' }
        payload = Buffer.from(JSON.stringify(appConfig.startSession(parseInput(body))))
      } else if (operation === 'GetLatestConfiguration') {
        const latest = appConfig.getLatest(url.searchParams.get('configuration_token'))
        headers = { ...latest.headers }
        payload = latest.body
      } else {
        const [, , application = '', , environment = '', , profile = ''] = url.pathname
          .split('/')
          .map(decodeURIComponent)
        const found = appConfig.agentConfiguration({ application, environment, profile })
        headers = { 'content-type': found.contentType }
        payload = found.body
      }
    } catch (error) {
      const known =
        error instanceof LocalAwsError
          ? error
          : new LocalAwsError('InternalServerException', `The local endpoint failed: ${String(error)}`, 500)
      status = known.status
      headers = { 'content-type': 'application/json', 'x-amzn-errortype': known.type }
      payload = Buffer.from(JSON.stringify({ Message: known.message, message: known.message }))
    } finally {
      leave(operation)
      leave(undefined)
    }
    response.writeHead(status, {
      ...headers,
      'content-length': payload.length,
      'x-amzn-requestid': randomUUID(),
    })
    response.end(payload)
  }

  async function answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://local')
    const restOperation = restOperationOf(request.method, url.pathname)
    if (restOperation !== undefined) return answerRest(request, response, restOperation, url)
    const target = String(request.headers['x-amz-target'] ?? '')
    const [prefix = '', operation = ''] = target.split('.')
    const service = serviceByTargetPrefix[prefix]
    const contentType = service === 'sqs' ? 'application/x-amz-json-1.0' : 'application/x-amz-json-1.1'
    const body = await readBody(request)
    callCounts.set(operation, (callCounts.get(operation) ?? 0) + 1)
    enter(operation)
    enter(undefined)
    let status = 200
    let payload: unknown
    try {
      const latencyMs = faults.latencyMs(operation)
      if (latencyMs > 0) await sleep(latencyMs)
      const injected = faults.takeError(operation)
      if (injected !== undefined) throw injected
      const input = parseInput(body)
      if (service === 'ssm') payload = ssm.handle(operation, input)
      else if (service === 'secretsmanager') payload = secretsManager.handle(operation, input)
      else if (service === 'sqs') payload = sqs.handle(operation, input)
      else throw unknownOperation(target || '(no X-Amz-Target header)')
    } catch (error) {
      const known =
        error instanceof LocalAwsError
          ? error
          : new LocalAwsError('InternalServerError', `The local endpoint failed: ${String(error)}`, 500)
      status = known.status
      payload = { __type: known.type, message: known.message }
    } finally {
      leave(operation)
      leave(undefined)
    }
    const text = JSON.stringify(payload)
    response.writeHead(status, {
      'content-type': contentType,
      'content-length': Buffer.byteLength(text),
      'x-amzn-requestid': randomUUID(),
    })
    response.end(text)
  }

  const server = createServer((request, response) => {
    answer(request, response).catch((error: unknown) => {
      response.destroy(error instanceof Error ? error : new Error(String(error)))
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  for (const init of options.queues ?? []) sqs.create(init)

  return {
    endpoint,
    region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    calls: (operation) =>
      operation === undefined
        ? [...callCounts.values()].reduce((sum, count) => sum + count, 0)
        : (callCounts.get(operation) ?? 0),
    peakConcurrency: (operation) => peaks.get(operation) ?? 0,
    resetCalls: () => {
      callCounts.clear()
      peaks.clear()
    },
    queue: (name) => sqs.inspect(name),
    createQueue: (init) => {
      sqs.create(init)
      return sqs.inspect(typeof init === 'string' ? init : init.name)
    },
    setParameter: (name, value, type) => ssm.set(name, type === undefined ? value : { value, type }),
    deleteParameter: (name) => {
      ssm.delete(name)
    },
    setSecret: (name, value) => secretsManager.set(name, value),
    deleteSecret: (name) => {
      secretsManager.delete(name)
    },
    setConfiguration: (target, content, configurationOptions = {}) =>
      appConfig.set({ ...target, content, contentType: configurationOptions.contentType }),
    deleteConfiguration: (target) => {
      appConfig.delete(target)
    },
    inject: (fault) => faults.add(fault),
    clearFaults: () => faults.clear(),
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      }),
  }
}

const agentPath = /^\/applications\/[^/]+\/environments\/[^/]+\/configurations\/[^/]+$/

function restOperationOf(method: string | undefined, path: string): LocalAwsOperation | undefined {
  if (method === 'POST' && path === '/configurationsessions') return 'StartConfigurationSession'
  if (method === 'GET' && path === '/configuration') return 'GetLatestConfiguration'
  if (method === 'GET' && agentPath.test(path)) return 'AgentGetConfiguration'
  return undefined
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    request.on('error', reject)
  })
}

function parseInput(body: string): Record<string, unknown> {
  if (body.trim() === '') return {}
  let input: unknown
  try {
    input = JSON.parse(body)
  } catch {
    throw new LocalAwsError('SerializationException', 'The request body is not valid JSON.')
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new LocalAwsError('SerializationException', 'The request body must be a JSON object.')
  }
  return input as Record<string, unknown>
}
