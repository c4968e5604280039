import { defineConfig } from 'tsup'

export default defineConfig({
  // The local runtime is its own entry, so importing `@tsumiki/testing` stays cheap.
  entry: { index: 'src/index.ts', runtime: 'src/local-runtime/index.ts' },
  format: ['esm', 'cjs'],
  // tsup sets baseUrl for its declaration build, which TypeScript 6 deprecates.
  dts: { compilerOptions: { ignoreDeprecations: '6.0' } },
  clean: true,
  sourcemap: true,
  target: 'node20',
  platform: 'node',
  // locate-runtime-client.ts resolves aws-lambda-ric from `import.meta.url`, which the CJS build must have too.
  shims: true,
})
