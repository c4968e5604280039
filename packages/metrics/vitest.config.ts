import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    // Property tests run hundreds of cases; on a loaded 2-core CI machine 5 s is not enough, and speed is measured in bench/.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    include: ['test/**/*.test.ts'],
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
  },
})
