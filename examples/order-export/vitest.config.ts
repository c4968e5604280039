import { defineConfig } from 'vitest/config'

// Generous limits: the stack tests bundle with esbuild and the handler tests start local services, on machines
// that may be busy. No test asserts on time.
export default defineConfig({
  test: { include: ['test/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 300_000 },
})
