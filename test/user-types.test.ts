import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

/*
 * What a user's compiler says, under the strictest settings a new user turns on: the repository's tsconfig.base.json
 * with `exactOptionalPropertyTypes: true`. Each source below is compiled as a file of this folder, the @tsumiki
 * packages resolved to their sources (as the README snippets are), and only its own diagnostics are read.
 */

const root = resolve(fileURLToPath(new URL('../', import.meta.url)))
const here = dirname(fileURLToPath(import.meta.url))

function compilerOptions(): ts.CompilerOptions {
  const base = ts.readConfigFile(join(root, 'tsconfig.base.json'), ts.sys.readFile)
  const { options, errors } = ts.convertCompilerOptionsFromJson(base.config.compilerOptions, root)
  expect(errors).toEqual([])
  return {
    ...options,
    exactOptionalPropertyTypes: true,
    noEmit: true,
    paths: {
      '@tsumiki/*': [join(root, 'packages', '*', 'src', 'index.ts')],
      '@tsumiki/testing/runtime': [join(root, 'packages', 'testing', 'src', 'local', 'runtime', 'index.ts')],
    },
  }
}

/** The messages of `source`'s own diagnostics, each flattened to its lines. */
function diagnosticsOf(source: string): string[] {
  const fileName = join(here, '__user-code.ts')
  const options = compilerOptions()
  const host = ts.createCompilerHost(options)
  const { fileExists, readFile, getSourceFile } = host
  host.fileExists = (name) => name === fileName || fileExists.call(host, name)
  host.readFile = (name) => (name === fileName ? source : readFile.call(host, name))
  host.getSourceFile = (name, language, onError, create) =>
    name === fileName
      ? ts.createSourceFile(name, source, language)
      : getSourceFile.call(host, name, language, onError, create)
  const program = ts.createProgram([fileName], options, host)
  const file = program.getSourceFile(fileName)
  if (file === undefined) throw new Error('the source was not compiled')
  return [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)].map(
    (diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'),
  )
}

describe('with exactOptionalPropertyTypes', () => {
  it('every optional option of every factory takes undefined, so nothing needs a conditional spread', () => {
    const source = `
      import { HttpError, cors, http, lambda, reply, router, wrap } from '@tsumiki/core'
      import { dynamodbStreams, kinesis, sqs, sqsDeadLetter } from '@tsumiki/batch'
      import { idempotent, makeIdempotent, memoryStore } from '@tsumiki/idempotency'
      import { createLogger, logger } from '@tsumiki/logger'
      import { createMetrics, metrics } from '@tsumiki/metrics'
      import { createParameterStore, parameters, secret, ssm, ssmPath } from '@tsumiki/parameters'
      import { createContext, startLocalAws, startLocalDynamo } from '@tsumiki/testing'
      import { startLocalRuntime } from '@tsumiki/testing/runtime'
      import { validate } from '@tsumiki/validation'

      // What settings read from the environment look like: present or not.
      const text = process.env.TEXT
      const count = text === undefined ? undefined : Number(text)
      const clientConfig = process.env.AWS_REGION === undefined ? undefined : { region: process.env.AWS_REGION }
      const schema = { '~standard': { version: 1, vendor: 'x', validate: (value: unknown) => ({ value }) } } as const

      lambda(http({ trustedProxies: count }), { deadlineMarginMs: count })
      wrap(() => 'ok', { deadlineMarginMs: undefined })
      router({ basePath: text })
      cors({ origins: ['https://app.example.com'], maxAgeSeconds: undefined, credentials: undefined, methods: undefined })
      reply({ status: count, headers: undefined, cookies: undefined })
      new HttpError(400, 'x', { type: text, headers: undefined })
      logger({ level: process.env.LOG_LEVEL, service: text, sampleRate: count, logEvent: undefined, logger: undefined })
      createLogger({ level: undefined, redact: undefined, keys: undefined, write: undefined })
      metrics({ namespace: text, service: text, defaultDimensions: undefined, coldStartMetric: undefined, functionName: text, warnWhenEmpty: undefined, operational: undefined })
      createMetrics({ namespace: 'Jobs', service: undefined, defaultDimensions: undefined, warnWhenEmpty: undefined })
      parameters({ table: ssm('/t', { maxAgeMs: count, decrypt: undefined }) }, { clientConfig, maxAgeMs: count })
      parameters({ key: secret('k', { format: undefined }), all: ssmPath('/a', { recursive: undefined }) })
      createParameterStore({ table: ssm('/t') }, { lambdaExtension: undefined, refresh: undefined })
      idempotent({ table: text, expiresAfterMs: 1000, localCache: undefined, scope: text, key: undefined })
      makeIdempotent((n: number) => n, { store: memoryStore(), expiresAfterMs: 1000, inProgressExpiryMs: count })
      validate({ body: schema }, { bodyFormat: undefined, envelope: undefined, maxIssues: count, maxDepth: undefined })
      sqs({ concurrency: count, fifo: undefined, deadLetter: undefined, isPermanent: undefined })
      kinesis({ concurrency: count, throwWhenEveryRecordFails: undefined })
      dynamodbStreams({ unmarshall: undefined })
      sqsDeadLetter({ queueUrl: 'https://sqs.example/q', client: undefined })
      createContext({ remainingMs: count, functionName: text })
      void startLocalAws({ region: text, parameters: undefined, queues: undefined })
      void startLocalDynamo({ returnOldItemOnConditionFailure: undefined })
      void startLocalRuntime({ handler: 'dist/handler.handler', cwd: text, timeoutMs: count, mode: undefined })
    `
    expect(diagnosticsOf(source)).toEqual([])
  })
})

describe('a middleware used before the one that adds what it needs', () => {
  it('is refused with a first line that names the missing field', () => {
    const source = `
      import { http, lambda, middleware, type InvocationRequest } from '@tsumiki/core'

      const requireApiKey = middleware<InvocationRequest & { readonly params: { readonly apiKey: string } }>({
        name: 'requireApiKey',
        handle: (request, next) => (request.params.apiKey === '' ? 'refused' : next()),
      })

      export const handler = lambda(http()).use(requireApiKey).handle(() => 'ok')
    `
    const diagnostics = diagnosticsOf(source)
    expect(diagnostics).toHaveLength(1)
    const firstLine = diagnostics[0]?.split('\n')[0]
    expect(firstLine).toContain('tsumiki: this middleware needs `params`, which no earlier .use() adds')
    expect(firstLine).not.toContain("Consider adding 'undefined'")
  })
})
