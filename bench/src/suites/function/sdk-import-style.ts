import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { startLocalRuntime } from '@tsumiki/testing/runtime'
import { build } from 'esbuild'
import { sourceDir } from './bundle.js'

/**
 * What the way a library imports the SDK costs at cold start, alone: two functions that only hold the SSM, DynamoDB
 * and Secrets Manager clients, one importing the classes and commands by name, the other with `import()` of the
 * three packages (as @tsumiki/parameters and @tsumiki/idempotency do), bundled alike and started alike.
 */

const banner = "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);"

const styles = {
  'named imports': `import { SSMClient, GetParametersCommand } from '@aws-sdk/client-ssm'
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb'
import { SecretsManagerClient, GetSecretValueCommand } from '@aws-sdk/client-secrets-manager'
const held = [SSMClient, GetParametersCommand, DynamoDBClient, PutItemCommand, SecretsManagerClient, GetSecretValueCommand]
export const handler = async () => held.length`,
  'import() of the packages': `const held = await Promise.all([import('@aws-sdk/client-ssm'), import('@aws-sdk/client-dynamodb'), import('@aws-sdk/client-secrets-manager')])
export const handler = async () => held.map((m) => [m.SSMClient, m.DynamoDBClient, m.SecretsManagerClient, m.GetParametersCommand, m.PutItemCommand, m.GetSecretValueCommand].filter(Boolean).length)`,
} as const

export async function sdkImportStyle(bundleDir: string, samples: number): Promise<string> {
  const files = new Map<string, { module: string; bytes: number }>()
  for (const [index, [style, contents]] of Object.entries(styles).entries()) {
    const result = await build({
      stdin: { contents, resolveDir: sourceDir, loader: 'js' },
      bundle: true,
      minify: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      mainFields: ['module', 'main'],
      banner: { js: banner },
      write: false,
      logLevel: 'silent',
    })
    const bytes = result.outputFiles[0]?.contents ?? new Uint8Array()
    const module = `sdk-style-${index}`
    writeFileSync(join(bundleDir, `${module}.mjs`), bytes)
    files.set(style, { module, bytes: bytes.byteLength })
  }
  const inits = new Map<string, number[]>()
  for (let round = 0; round < samples; round++) {
    for (const [style, { module }] of files) {
      const runtime = await startLocalRuntime({
        handler: `${module}.handler`,
        cwd: bundleDir,
        env: { AWS_REGION: 'us-east-1', NODE_NO_WARNINGS: '1' },
      })
      try {
        await runtime.invoke({})
        inits.set(style, [...(inits.get(style) ?? []), runtime.init.durationMs])
      } finally {
        await runtime.stop()
      }
    }
  }
  const lines = ['| SDK import style | bundle, minified | init median | init p90 |', '|---|---:|---:|---:|']
  for (const [style, { bytes }] of files) {
    const sorted = [...(inits.get(style) ?? [])].sort((a, b) => a - b)
    const at = (fraction: number) =>
      sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] ?? Number.NaN
    lines.push(
      `| ${style} | ${(bytes / 1024).toFixed(1)} KB | ${at(0.5).toFixed(0)} ms | ${at(0.9).toFixed(0)} ms |`,
    )
  }
  return lines.join('\n')
}
