import { defineConfig, type Options } from 'tsup'

/**
 * The build every package shares: ESM and CommonJS from `src/index.ts`, each with its `.d.ts` and source map, for
 * Node 20 and later. A package's `tsup.config.ts` is `export default packageBuild()`, given only what is its own
 * (another entry, shims), so the shape is written once.
 */
export function packageBuild(own: Options = {}): ReturnType<typeof defineConfig> {
  return defineConfig({
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    // tsup sets baseUrl for its declaration build, which TypeScript 6 deprecates.
    dts: { compilerOptions: { ignoreDeprecations: '6.0' } },
    clean: true,
    sourcemap: true,
    target: 'node20',
    platform: 'node',
    ...own,
  })
}
