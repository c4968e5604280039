import { defineConfig } from 'vitest/config'

// What `pnpm mutation` runs once per mutant: the runtime tests only (type tests kill no runtime mutant), with fewer
// property-test cases so that a run fits in minutes on a shared 2-core machine.
export default defineConfig({
  test: {
    testTimeout: 60_000,
    include: ['test/**/*.test.ts'],
    env: { PROPERTY_RUNS: '60' },
    // One module graph for all test files: each mutant's run re-imports nothing (ten times faster here).
    isolate: false,
  },
})
