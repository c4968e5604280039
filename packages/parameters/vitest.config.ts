import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
    // The real AWS SDK clients load and make their first connections inside a test: on a busy machine that alone
    // can pass vitest's 5 s default.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
})
