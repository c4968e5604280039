// Mutation testing for @tsumiki/core: `pnpm mutation` from the repository root.
// Slow (see README "Mutation testing"), so it is not part of `pnpm test` or CI.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  // pnpm's layout hides the runner from Stryker's `@stryker-mutator/*` scan: name it.
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'vitest.mutation.config.ts' },
  coverageAnalysis: 'perTest',
  // A mutant that loops forever is cut after this, not after minutes.
  timeoutMS: 3000,
  // A static mutant (module-level code: brand symbols, lookup tables) reruns the whole suite with a fresh module
  // graph, ten times the cost of the others; they are reported as ignored. Run with `--ignoreStatic false` to include them.
  ignoreStatic: true,
  // The machine has 2 cores shared with other work.
  concurrency: 2,
  mutate: [
    'src/**/*.ts',
    // Type-only files and the barrel: nothing to mutate.
    '!src/index.ts',
    '!src/engine/adapter.ts',
    '!src/engine/awaitable.ts',
    '!src/adapters/http/http-request.ts',
  ],
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  tempDirName: '.stryker-tmp',
  incremental: false,
  thresholds: { high: 90, low: 85, break: null },
}
