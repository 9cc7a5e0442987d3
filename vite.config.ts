import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { providerProxyPlugin } from './server/provider-proxy.ts';

export default defineConfig({
  plugins: [react(), providerProxyPlugin()],
  server: { port: 5173 },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: [
            'graph-engine/**/*.test.ts',
            'nodes/**/*.test.ts',
            'src/**/*.test.ts',
            'server/**/*.test.ts',
            'cli/**/*.test.ts',
          ],
          environment: 'node',
        },
      },
      {
        extends: true,
        // Real Chromium against the real app: one file at a time, generous timeouts.
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // expect.poll waits for the page to get there; its 1 s default raced a busy machine's clock.
          expect: { poll: { timeout: 30_000 } },
        },
      },
    ],
  },
});
