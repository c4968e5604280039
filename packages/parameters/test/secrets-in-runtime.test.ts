import { mkdtempSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type LocalAws, startLocalAws } from '@tsumiki/testing'
import { type LocalRuntime, startLocalRuntime } from '@tsumiki/testing/runtime'
import { build } from 'esbuild'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

// Under the Lambda runtime client (aws-lambda-ric, as deployed): it prints the error a failed invocation hands it
// (errorType, errorMessage, stack, enumerable fields) to the function's log, and returns it to the caller.
const key = 'rt-key-3f9d2a7c'
const credentials = { user: 'rt-user-svc-orders', pin: 482913 }

let aws: LocalAws
let runtime: LocalRuntime
let root: string

beforeAll(async () => {
  // Inside this package's node_modules, so the function finds the AWS SDK there, as a Lambda runtime provides it.
  const modules = fileURLToPath(new URL('../node_modules/', import.meta.url))
  root = mkdtempSync(join(modules, '.tsumiki-runtime-fixture-'))
  // Bundled as the examples are (scripts/bundle-example.mjs): the SDK left out, as every Lambda runtime ships it.
  await build({
    entryPoints: { handler: fileURLToPath(new URL('./support/refusing-function.ts', import.meta.url)) },
    outdir: join(root, 'dist'),
    outExtension: { '.js': '.mjs' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: ['@aws-sdk/*', '@smithy/*'],
    banner: {
      js: "import { createRequire as __tsumikiCreateRequire } from 'node:module';const require = __tsumikiCreateRequire(import.meta.url);",
    },
    logLevel: 'silent',
  })
  aws = await startLocalAws({
    secrets: { 'app/key': key, 'app/credentials': JSON.stringify(credentials) },
  })
  runtime = await startLocalRuntime({
    handler: 'dist/handler.handler',
    cwd: root,
    mode: 'ric',
    env: {
      LOCAL_AWS_ENDPOINT: aws.endpoint,
      AWS_REGION: aws.region,
      AWS_ACCESS_KEY_ID: aws.credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: aws.credentials.secretAccessKey,
    },
  })
}, 60_000)

afterAll(async () => {
  await runtime?.stop()
  await aws?.stop()
  if (root !== undefined) rmSync(root, { recursive: true, force: true })
})

describe('a failed invocation under the Lambda runtime client', () => {
  it('hands the runtime an error with no secret in its message, trace or log line, cause chain included', async () => {
    const failed = await runtime.invoke({})
    expect(runtime.init.error).toBeUndefined()
    expect(failed.error).toMatchObject({ errorType: 'Error', errorMessage: 'refused [REDACTED]' })
    expect(failed.error?.trace[0]).toBe('Error: refused [REDACTED]')
    // What the runtime client printed: its "Invoke Error" line, and everything else the function wrote.
    expect(failed.logs.raw).toContain('Invoke Error')
    expect(failed.logs.raw).toContain('refused [REDACTED]')
    const everything = `${JSON.stringify(failed.error)}\n${failed.logs.raw}`
    for (const value of [key, credentials.user, String(credentials.pin)])
      expect(everything).not.toContain(value)
  })
})
