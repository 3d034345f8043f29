import { defineConfig } from 'vitest/config'
import react from '@vitejs/plugin-react'

// Two projects: the core (plain Node, real files and loopback servers) and the renderer (happy-dom).
// The e2e suite has its own config (tests/e2e/vitest.config.ts) because it needs Chromium.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'core',
          environment: 'node',
          include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'renderer',
          environment: 'happy-dom',
          include: ['tests/renderer/**/*.test.{ts,tsx}'],
          setupFiles: ['tests/renderer/setup.ts'],
        },
      },
    ],
  },
})
