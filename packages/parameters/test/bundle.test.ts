import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { describe, expect, it } from 'vitest'

const entry = fileURLToPath(new URL('../src/index.ts', import.meta.url))

/** A function bundled as Lambda functions ship: ESM, one file, the AWS SDK left to the runtime. */
async function bundle(code: string): Promise<string> {
  const result = await build({
    stdin: { contents: code.replace('@tsumiki/parameters', entry), resolveDir: process.cwd(), loader: 'ts' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    write: false,
    external: ['@aws-sdk/*', '@smithy/*', 'zod'],
  })
  return result.outputFiles[0]?.text ?? ''
}

describe('what a bundled function imports', () => {
  it('without appConfig(), neither the AppConfig Data client nor yaml, not even statically', async () => {
    const code = await bundle(
      "import { parameters, ssm, secret } from '@tsumiki/parameters'\n" +
        "export const use = parameters({ table: ssm('/t'), key: secret('k') })\n",
    )
    expect(code).toContain('@aws-sdk/client-ssm')
    expect(code).not.toContain('@aws-sdk/client-appconfigdata')
    expect(code).not.toMatch(/from ["']yaml["']|import\(["']yaml["']\)/)
  })

  it('with appConfig(), the AppConfig Data client', async () => {
    const code = await bundle(
      "import { appConfig, parameters } from '@tsumiki/parameters'\n" +
        "export const use = parameters({ s: appConfig({ application: 'a', environment: 'e', profile: 'p' }) })\n",
    )
    expect(code).toContain('@aws-sdk/client-appconfigdata')
  })
})
