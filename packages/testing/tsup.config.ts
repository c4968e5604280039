import { packageBuild } from '../../tsup.config.base.js'

export default packageBuild({
  // The local runtime is its own entry, so importing `@tsumiki/testing` stays cheap.
  entry: { index: 'src/index.ts', runtime: 'src/local/runtime/index.ts' },
  // locate-runtime-client.ts resolves aws-lambda-ric from `import.meta.url`, which the CJS build must have too.
  shims: true,
})
