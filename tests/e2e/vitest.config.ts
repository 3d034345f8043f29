import { defineConfig } from 'vitest/config'

// End-to-end: the real station (`npm run web` entry) in a child process, driven in Debian's Chromium.
// One file at a time — each test starts its own station and browser, and the machines have 2 cores.
export default defineConfig({
  test: {
    name: 'e2e',
    environment: 'node',
    include: ['tests/e2e/**/*.e2e.ts'],
    globalSetup: ['tests/e2e/support/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
})
