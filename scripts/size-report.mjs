// Bundles each scripts/size-fixtures/*.ts the way a Lambda function ships (esbuild, ESM, minified, Node), with the
// AWS SDK and zod external, and prints how many bytes every @tsumiki package brings: minified (esbuild's metafile)
// and gzipped. Run it after `pnpm build`: the fixtures import the packages' built dist/, as users do.
//
//   node scripts/size-report.mjs            the table
//   node scripts/size-report.mjs --json     the same figures as JSON
//   node scripts/size-report.mjs --files    also each fixture's largest source files (through the packages' source
//                                           maps, so `core/src/cors/cors.ts` rather than `core/dist/index.js`)
import { readdirSync, readFileSync } from 'node:fs'
import { basename, dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..')
const fixturesDir = join(repoRoot, 'scripts', 'size-fixtures')
const packagesDir = join(repoRoot, 'packages')
const args = new Set(process.argv.slice(2))

/** Resolves `@tsumiki/<name>[/sub]` through that package's `exports` map (its `import` condition), as Node would. */
const workspacePackages = {
  name: 'tsumiki-workspace-packages',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^@tsumiki\/[^/]+/ }, (resolveArgs) => {
      const [, name, sub] = /^@tsumiki\/([^/]+)(\/.*)?$/.exec(resolveArgs.path) ?? []
      const packageDir = join(packagesDir, name)
      const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'))
      const target = manifest.exports?.[sub ? `.${sub}` : '.']
      const importTarget = typeof target === 'string' ? target : (target?.import?.default ?? target?.import)
      if (typeof importTarget !== 'string')
        return { errors: [{ text: `no ESM export for ${resolveArgs.path}` }] }
      return { path: join(packageDir, importTarget) }
    })
  },
}

/**
 * What a package keeps when it is imported and nothing of it is used, with its `sideEffects: false` ignored (as a
 * bundler does once any one export is used): the top-level statements it cannot prove pure, and what they refer
 * to. Should be 0 bytes: anything here rides along in every function that uses any part of the package.
 */
async function keptByBareImport(name) {
  const result = await build({
    stdin: { contents: `import '@tsumiki/${name}'`, resolveDir: repoRoot, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    write: false,
    external: ['@aws-sdk/*', '@smithy/*', 'zod'],
    plugins: [
      {
        name: 'tsumiki-keep-side-effects',
        setup(pluginBuild) {
          pluginBuild.onResolve({ filter: /^@tsumiki\// }, async (resolveArgs) => {
            if (resolveArgs.pluginData === 'resolving') return undefined
            const resolved = await pluginBuild.resolve(resolveArgs.path, {
              kind: resolveArgs.kind,
              resolveDir: resolveArgs.resolveDir,
              pluginData: 'resolving',
            })
            return { ...resolved, sideEffects: true }
          })
        },
      },
      workspacePackages,
    ],
    logLevel: 'warning',
  })
  return result.outputFiles[0].contents.length
}

/** Which package an input or source file belongs to: `@tsumiki/<name>`, an npm package, or the fixture itself. */
function ownerOf(path) {
  const workspace = /(?:^|\/)packages\/([^/]+)\//.exec(path)
  if (workspace && !path.includes('node_modules')) return `@tsumiki/${workspace[1]}`
  const npm = /.*node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)
  if (npm) return npm[1]
  return '(fixture)'
}

const base64Digits = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

/**
 * Splits the generated code into the text each source file produced, from the source map (esbuild follows the
 * packages' own maps back to their src/ files): a range runs from one mapping to the next. Gzip has no per-file
 * figure, so each package's ranges are joined and gzipped alone.
 */
function textBySource(code, map) {
  const lines = code.split('\n')
  const pieces = new Map()
  const add = (sourceIndex, text) => {
    const source = sourceIndex === undefined ? '(unmapped)' : (map.sources[sourceIndex] ?? '(unmapped)')
    pieces.set(source, (pieces.get(source) ?? '') + text)
  }
  let sourceIndex = 0
  const mappingLines = map.mappings.split(';')
  for (let lineIndex = 0; lineIndex < lines.length; lineIndex++) {
    const line = `${lines[lineIndex]}\n`
    const segments = (mappingLines[lineIndex] ?? '').split(',').filter(Boolean)
    let column = 0
    let previousColumn = 0
    let previousSource
    for (const segment of segments) {
      const fields = []
      let value = 0
      let shift = 0
      for (const char of segment) {
        const digit = base64Digits.indexOf(char)
        value += (digit & 31) << shift
        if (digit & 32) {
          shift += 5
        } else {
          fields.push(value & 1 ? -(value >>> 1) : value >>> 1)
          value = 0
          shift = 0
        }
      }
      column += fields[0]
      if (column > previousColumn) add(previousSource, line.slice(previousColumn, column))
      previousColumn = column
      if (fields.length > 1) {
        sourceIndex += fields[1]
        previousSource = sourceIndex
      } else {
        previousSource = undefined
      }
    }
    add(previousSource, line.slice(previousColumn))
  }
  return pieces
}

async function measure(fixture) {
  const result = await build({
    entryPoints: [join(fixturesDir, fixture)],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    write: false,
    metafile: true,
    sourcemap: 'external',
    outdir: join(repoRoot, 'scripts', '.size-out'),
    external: ['@aws-sdk/*', '@smithy/*', 'zod'],
    plugins: [workspacePackages],
    logLevel: 'warning',
  })
  const codeFile = result.outputFiles.find((file) => file.path.endsWith('.js'))
  const mapFile = result.outputFiles.find((file) => file.path.endsWith('.js.map'))
  const output = Object.values(result.metafile.outputs).find((entry) => entry.entryPoint)
  const minified = new Map()
  const inputs = []
  for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) {
    const owner = ownerOf(path)
    minified.set(owner, (minified.get(owner) ?? 0) + bytesInOutput)
    inputs.push({ path: relative(repoRoot, join(repoRoot, path)), owner, bytes: bytesInOutput })
  }
  const textBySourceFile = textBySource(codeFile.text, JSON.parse(mapFile.text))
  const pieces = new Map()
  const files = []
  for (const [source, text] of textBySourceFile) {
    const owner = source === '(unmapped)' ? source : ownerOf(source)
    pieces.set(owner, (pieces.get(owner) ?? '') + text)
    const file = source.replace(/^.*?packages\//, '').replace(/^.*?scripts\//, 'scripts/')
    files.push({ file, owner, bytes: Buffer.byteLength(text) })
  }
  const gzipped = new Map()
  for (const [owner, text] of pieces) {
    gzipped.set(owner, gzipSync(text).length)
  }
  const owned = [...minified.keys()].filter((owner) => owner.startsWith('@tsumiki/'))
  const tsumikiText = [...pieces]
    .filter(([owner]) => owner.startsWith('@tsumiki/'))
    .map(([, text]) => text)
    .join('')
  return {
    fixture: basename(fixture, '.ts'),
    total: { minified: codeFile.contents.length, gzipped: gzipSync(codeFile.contents).length },
    tsumiki: {
      minified: owned.reduce((sum, owner) => sum + (minified.get(owner) ?? 0), 0),
      gzipped: gzipSync(tsumikiText).length,
    },
    packages: Object.fromEntries(
      [...minified.keys()]
        .sort()
        .map((owner) => [owner, { minified: minified.get(owner), gzipped: gzipped.get(owner) ?? 0 }]),
    ),
    inputs: inputs.sort((a, b) => b.bytes - a.bytes),
    files: files.sort((a, b) => b.bytes - a.bytes),
  }
}

const fixtures = readdirSync(fixturesDir)
  .filter((file) => file.endsWith('.ts'))
  .sort()
const reports = []
for (const fixture of fixtures) reports.push(await measure(fixture))

const runtimePackages = readdirSync(packagesDir).filter((name) => name !== 'testing')
const bareImports = {}
for (const name of runtimePackages) bareImports[`@tsumiki/${name}`] = await keptByBareImport(name)

if (args.has('--json')) {
  console.log(
    JSON.stringify(
      {
        fixtures: reports.map(({ inputs, files, ...report }) => ({
          ...report,
          ...(args.has('--inputs') ? { inputs } : {}),
          ...(args.has('--files') ? { files } : {}),
        })),
        bareImports,
      },
      null,
      2,
    ),
  )
} else {
  const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`.padStart(9)
  console.log(
    'Bytes each package adds to a bundled function (esbuild --bundle --minify, ESM, AWS SDK and zod external).',
  )
  console.log(
    "Gzipped per package: that package's stretch of the bundle gzipped alone (so the parts add up to a bit more).\n",
  )
  for (const report of reports) {
    console.log(`${report.fixture}`)
    console.log(`  ${'package'.padEnd(22)}${'minified'.padStart(9)}${'gzipped'.padStart(9)}`)
    for (const [owner, sizes] of Object.entries(report.packages)) {
      console.log(`  ${owner.padEnd(22)}${kb(sizes.minified)}${kb(sizes.gzipped)}`)
    }
    console.log(
      `  ${'tsumiki (all @tsumiki)'.padEnd(22)}${kb(report.tsumiki.minified)}${kb(report.tsumiki.gzipped)}`,
    )
    console.log(`  ${'whole bundle'.padEnd(22)}${kb(report.total.minified)}${kb(report.total.gzipped)}`)
    if (args.has('--inputs')) {
      for (const input of report.inputs.slice(0, 15))
        console.log(`    ${String(input.bytes).padStart(6)}  ${input.path}`)
    }
    if (args.has('--files')) {
      for (const file of report.files.slice(0, 25))
        console.log(`    ${String(file.bytes).padStart(6)}  ${file.file}`)
    }
    console.log('')
  }
  console.log(
    'Kept by a bare import (the package imported, nothing of it used; anything above 0 rides along):',
  )
  for (const [name, bytes] of Object.entries(bareImports)) console.log(`  ${name.padEnd(22)}${kb(bytes)}`)
}
