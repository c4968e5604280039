import { defineConfig } from 'vitest/config'

// The repository's own checks: they read files (and compile every README snippet, aws-cdk-lib's types included), so
// they get the time a busy 2-core machine needs; none asserts on time.
export default defineConfig({
  test: { include: ['*.test.ts'], testTimeout: 60_000 },
})
