import { writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import { build, type Metafile } from 'esbuild'
import type { ContenderName, FunctionName } from './environment.js'

/** esbuild bundles of each contender's function, as a Lambda deployment makes them (ESM, minified, Node 20). */

export const sourceDir = import.meta.dirname ?? new URL('.', import.meta.url).pathname

export interface BundleOptions {
  /** Leave the AWS SDK out (the Lambda runtime has one) or bundle it (AWS's advice for cold starts). */
  readonly sdk: 'external' | 'bundled'
  /** Leave zod out too, to weigh the rest. */
  readonly zodExternal?: boolean
  /** Write the bundle here (as `<function>-<contender>.mjs`); in memory only without it. */
  readonly outdir?: string
}

export interface Bundle {
  readonly file: string | undefined
  readonly minifiedBytes: number
  readonly gzippedBytes: number
  readonly metafile: Metafile
}

const sdkPackages = ['@aws-sdk/*', '@smithy/*', '@aws-crypto/*']

export async function bundle(
  fn: FunctionName,
  contender: ContenderName,
  options: BundleOptions,
): Promise<Bundle> {
  const name = `${fn}-${contender}`
  const result = await build({
    entryPoints: [join(sourceDir, `${name}.ts`)],
    bundle: true,
    minify: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    mainFields: ['module', 'main'],
    external: [
      ...(options.sdk === 'external' ? sdkPackages : []),
      ...(options.zodExternal ? ['zod', 'zod/*'] : []),
    ],
    // CommonJS dependencies call require(): give the ESM bundle one, as AWS's ESM examples do.
    banner: { js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);" },
    metafile: true,
    write: false,
    outfile: join(options.outdir ?? resolve('bundle-in-memory'), `${name}.mjs`),
    logLevel: 'silent',
  })
  const output = result.outputFiles.find((file) => file.path.endsWith('.mjs'))
  if (output === undefined) throw new Error(`esbuild wrote no bundle for ${name}`)
  if (options.outdir !== undefined) writeFileSync(output.path, output.contents)
  return {
    file: options.outdir === undefined ? undefined : output.path,
    minifiedBytes: output.contents.byteLength,
    gzippedBytes: gzipSync(output.contents, { level: 9 }).byteLength,
    metafile: result.metafile,
  }
}

/** Bytes of the bundle that come from inputs whose path matches. */
export function bytesFrom(metafile: Metafile, matches: (inputPath: string) => boolean): number {
  let bytes = 0
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      if (matches(input)) bytes += bytesInOutput
    }
  }
  return bytes
}

export const isTsumiki = (input: string): boolean =>
  /(^|\/)packages\/(core|logger|validation|batch|idempotency|parameters)\//.test(input) ||
  input.includes('@tsumiki/')
export const isZod = (input: string): boolean =>
  /node_modules\/(\.pnpm\/zod@[^/]+\/node_modules\/)?zod\//.test(input)
export const isSdk = (input: string): boolean => /node_modules\/(@aws-sdk|@smithy|@aws-crypto)\//.test(input)
