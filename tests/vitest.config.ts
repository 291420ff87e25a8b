import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Four harnesses, one config: `unit` (fake browser, fake-indexeddb), `integration` (a real local
 * AT Protocol network and local servers), `e2e` (the built extension in Debian's Chromium),
 * `e2e-firefox` (the Firefox build in Debian's Firefox ESR).
 * tests/run.mjs runs them in turn and prints the counts of each.
 */
export default defineConfig({
  root,
  test: {
    projects: [
      {
        plugins: [WxtVitest({ root })],
        root,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.{ts,tsx}'],
          setupFiles: ['fake-indexeddb/auto', 'tests/unit/setup.ts'],
          environment: 'node',
        },
      },
      {
        root,
        resolve: { alias: { '@': root } },
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          globalSetup: ['tests/integration/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        root,
        resolve: { alias: { '@': root } },
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.e2e.ts'],
          // The extension build, and the same real local AT Protocol network the integration tests use.
          globalSetup: ['tests/e2e/global-setup.ts', 'tests/integration/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        root,
        resolve: { alias: { '@': root } },
        test: {
          name: 'e2e-firefox',
          include: ['tests/e2e-firefox/**/*.e2e.ts'],
          // The Firefox builds, and the same local AT Protocol network as the Chromium e2e (issue 21).
          globalSetup: ['tests/e2e-firefox/global-setup.ts', 'tests/integration/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
