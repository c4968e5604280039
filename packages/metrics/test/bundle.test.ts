import { fileURLToPath } from 'node:url'
import { build, type Plugin } from 'esbuild'
import { describe, expect, it } from 'vitest'

/*
 * A function that imports @tsumiki/metrics and uses none of it carries none of it: every statement at the top of
 * the build is one a bundler can drop. Checked on the ESM build as users bundle it, with `sideEffects: false` ignored
 * (as a bundler does once any one export is used), as scripts/size-report.mjs measures every package.
 */

const packageDir = fileURLToPath(new URL('../', import.meta.url))

/** Takes every module of the workspace packages as having side effects: only what is provably pure is dropped. */
const keepSideEffects: Plugin = {
  name: 'keep-side-effects',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^(@tsumiki\/|\.\/dist\/)/ }, async (args) => {
      if (args.pluginData === 'resolving') return undefined
      const resolved = await pluginBuild.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        pluginData: 'resolving',
      })
      return { ...resolved, sideEffects: true }
    })
  },
}

describe('the bundle of a function that imports the package and uses nothing', () => {
  it('holds no byte of it, nor of core', async () => {
    const result = await build({
      stdin: { contents: "import './dist/index.js'", resolveDir: packageDir, loader: 'js' },
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'node',
      write: false,
      plugins: [keepSideEffects],
      logLevel: 'silent',
    })
    expect(result.outputFiles[0]?.text).toBe('')
  })
})
