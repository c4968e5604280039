// Bundles an example's src/handler.ts into dist/handler.mjs, the artefact Lambda runs (Node.js 22 and 24, ESM),
// with the AWS SDK v3 left out because every Lambda Node.js runtime ships it. Prints the sizes a reader compares.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'

const exampleDir = process.cwd()
const outfile = join(exampleDir, 'dist', 'handler.mjs')
mkdirSync(join(exampleDir, 'dist'), { recursive: true })
const result = await build({
  entryPoints: [join(exampleDir, 'src', 'handler.ts')],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  minify: true,
  sourcemap: true,
  outfile,
  metafile: true,
  external: ['@aws-sdk/*', '@smithy/*'],
  // ESM bundles still meet CommonJS dependencies that call require(): give them one.
  banner: {
    js: "import { createRequire as __tsumikiCreateRequire } from 'node:module';const require = __tsumikiCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
})
writeFileSync(join(exampleDir, 'dist', 'meta.json'), JSON.stringify(result.metafile))
const code = readFileSync(outfile)
const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`
console.log(
  `dist/handler.mjs ${kib(code.length)} minified, ${kib(gzipSync(code).length)} gzipped (AWS SDK external)`,
)
