import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    // Dogfood: every test file of forkcheck runs under its own leak sentinel.
    environment: 'forkcheck',
    include: ['test/**/*.test.ts'],
    exclude: ['test/fixtures/**', 'node_modules/**'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
})
